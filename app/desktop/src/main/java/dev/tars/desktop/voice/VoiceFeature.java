package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.config.AppPaths;
import dev.tars.desktop.chat.ChatViewModel;
import dev.tars.desktop.fx.UiDispatcher;
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
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice in the desktop app, wired in one place: push-to-talk into the chat input, read-aloud of answers, the
 * voice settings. Nothing here loads a model on the UI thread; a missing microphone, speaker or model shows up
 * as a message beside the mic button or the answer, and the rest of the app is unaffected.
 *
 * <p>{@code -Dtars.voice.simulatedMic=FILE.wav} replaces the microphone with that recording played at speaking
 * pace (demos and screenshots on machines without a microphone).
 */
public final class VoiceFeature implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceFeature.class);

  private final VoiceSettingsFile settingsFile;
  private final VoiceEngines engines;
  private final UiDispatcher ui;
  private final I18n texts;
  private final PushToTalk pushToTalk;
  private final SpeechSynthesizer synthesizer;
  private final ReadAloud readAloud;
  private final ReadAloudViewModel readAloudViewModel;
  private volatile VoiceSettings settings;
  private PushToTalkKeys keys;
  private VoiceInputViewModel input;

  public VoiceFeature(AppPaths paths, UiDispatcher ui, Locale locale) {
    this.settingsFile = new VoiceSettingsFile(paths.home());
    this.settings = settingsFile.load();
    this.engines = new VoiceEngines(paths);
    this.ui = ui;
    this.texts = I18n.forLanguage(locale.toLanguageTag());
    this.pushToTalk = new PushToTalk(() -> engines.openRecognizer(settings), this::openMicrophone);
    this.synthesizer = new LazySynthesizer("FreeTTS", engines::openSynthesizer);
    this.readAloud = new ReadAloud(synthesizer, () -> SpeakerOutput.open(settings.speaker()), settings.voice());
    this.readAloudViewModel = new ReadAloudViewModel(readAloud, ui, settings.autoRead());
    readAloudViewModel.autoReadProperty().addListener((obs, old, now) -> save(settings.withAutoRead(now)));
  }

  private AudioSource openMicrophone() {
    String simulated = System.getProperty("tars.voice.simulatedMic", "");
    if (!simulated.isBlank()) {
      return new PacedSource(WavFileSource.open(Path.of(simulated)));
    }
    return MicrophoneSource.open(settings.microphone());
  }

  /** Loads the speech model in the background now, so the first push-to-talk is quick. */
  public void prepare() {
    pushToTalk.prepare().whenComplete((recognizer, failure) -> {
      if (failure != null) {
        LOG.info("Speech recognition unavailable: {}", failure.getMessage());
      }
    });
  }

  public I18n texts() {
    return texts;
  }

  public VoiceSettings settings() {
    return settings;
  }

  /** Push-to-talk into {@code chatInput}; {@code send} sends it when the send-on-release setting is on. */
  public VoiceInputViewModel inputViewModel(StringProperty chatInput, Runnable send) {
    if (input == null) {
      input = new VoiceInputViewModel(pushToTalk, ui, chatInput, send, () -> settings.sendOnRelease(), texts);
    }
    return input;
  }

  public ReadAloudViewModel readAloudViewModel() {
    return readAloudViewModel;
  }

  /** The mic button, level meter and listening state for the composer. */
  public VoiceInputView inputView(StringProperty chatInput, Runnable send) {
    return new VoiceInputView(inputViewModel(chatInput, send), texts, settings.pushToTalkKey());
  }

  /** Auto-read of streamed answers in {@code chat}. */
  public void attach(ChatViewModel chat) {
    ChatReadAloud.attach(chat, readAloudViewModel);
  }

  /** The voice stylesheet, for a scene that shows voice controls. */
  public static String stylesheet() {
    return Objects.requireNonNull(VoiceFeature.class.getResource("voice.css"), "voice.css").toExternalForm();
  }

  /** The push-to-talk key, Esc and the voice stylesheet for the window. Call after {@link #inputViewModel}. */
  public void install(Scene scene) {
    if (input == null) {
      throw new IllegalStateException("Create the input view model before installing the keys");
    }
    scene.getStylesheets().add(stylesheet());
    keys = PushToTalkKeys.install(scene, settings.pushToTalkKey(), input, readAloudViewModel);
  }

  /** Settings > Voice. */
  public VoiceSettingsViewModel settingsViewModel() {
    return new VoiceSettingsViewModel(settings, engines, readAloud, this::save, VoiceFeature::isKeyCombination);
  }

  static boolean isKeyCombination(String text) {
    try {
      KeyCombination.valueOf(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void save(VoiceSettings changed) {
    VoiceSettings before = settings;
    settings = changed;
    settingsFile.save(changed);
    readAloud.setOptions(changed.voice());
    readAloudViewModel.autoReadProperty().set(changed.autoRead());
    if (keys != null && !changed.pushToTalkKey().equals(before.pushToTalkKey())) {
      Scene scene = keys.scene();
      keys.uninstall();
      keys = PushToTalkKeys.install(scene, changed.pushToTalkKey(), input, readAloudViewModel);
    }
  }

  @Override
  public void close() {
    pushToTalk.close();
    readAloud.close();
    synthesizer.close();
  }
}
