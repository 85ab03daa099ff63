package dev.tars.runtime;

import dev.tars.config.AppPaths;
import dev.tars.voice.PushToTalk;
import dev.tars.voice.VoiceEngines;
import dev.tars.voice.audio.AudioSource;
import dev.tars.voice.audio.MicrophoneSource;
import dev.tars.voice.audio.PacedSource;
import dev.tars.voice.audio.SpeakerOutput;
import dev.tars.voice.audio.WavFileSource;
import dev.tars.voice.readaloud.ReadAloud;
import dev.tars.voice.settings.VoiceSettings;
import dev.tars.voice.settings.VoiceSettingsFile;
import dev.tars.voice.synthesis.LazySynthesizer;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import java.nio.file.Path;

/**
 * Speech in and out, built together by {@link TarsRuntime}: the voice settings (their own file in the data home),
 * the engine chooser, push-to-talk and read-aloud over one lazily loaded synthesizer. Building it is cheap: no
 * speech model, voice, microphone or speaker is opened until someone speaks or listens, so a computer without
 * audio or models pays nothing for it. {@link #close()} stops listening and reading and frees what was loaded.
 *
 * <p>{@code -Dtars.voice.simulatedMic=FILE.wav} replaces the microphone with that recording played at speaking
 * pace (demos and screenshots on machines without a microphone).
 */
public final class VoiceSystem implements AutoCloseable {
  private final VoiceSettingsFile settingsFile;
  private final VoiceEngines engines;
  private final PushToTalk pushToTalk;
  private final SpeechSynthesizer synthesizer;
  private final ReadAloud readAloud;
  private volatile VoiceSettings settings;

  VoiceSystem(AppPaths paths) {
    this.settingsFile = new VoiceSettingsFile(paths.home());
    this.settings = settingsFile.load();
    this.engines = new VoiceEngines(paths);
    // The recognizer and the microphone follow the settings at the moment they are opened.
    this.pushToTalk = new PushToTalk(() -> engines.openRecognizer(settings), this::openMicrophone);
    this.synthesizer = new LazySynthesizer("FreeTTS", engines::openSynthesizer);
    this.readAloud = new ReadAloud(synthesizer, () -> SpeakerOutput.open(settings.speaker()), settings.voice());
  }

  private AudioSource openMicrophone() {
    String simulated = System.getProperty("tars.voice.simulatedMic", "");
    if (!simulated.isBlank()) {
      return new PacedSource(WavFileSource.open(Path.of(simulated)));
    }
    return MicrophoneSource.open(settings.microphone());
  }

  /** The voice settings as last saved. */
  public VoiceSettings settings() {
    return settings;
  }

  /** Stores {@code changed}; read-aloud uses its voice from now on, push-to-talk from the next press. */
  public void save(VoiceSettings changed) {
    settings = changed;
    settingsFile.save(changed);
    readAloud.setOptions(changed.voice());
  }

  /** Which recognizers and models are installed, and loading them (for Settings → Voice and {@code transcribe}). */
  public VoiceEngines engines() {
    return engines;
  }

  /** Push-to-talk with the recognizer and microphone the settings choose. */
  public PushToTalk pushToTalk() {
    return pushToTalk;
  }

  /** The built-in voice, loaded on first use ({@code tars say}, read-aloud). */
  public SpeechSynthesizer synthesizer() {
    return synthesizer;
  }

  /** Reading answers aloud on the speaker the settings choose. */
  public ReadAloud readAloud() {
    return readAloud;
  }

  @Override
  public void close() {
    pushToTalk.close();
    readAloud.close();
    synthesizer.close();
  }
}
