package dev.tars.voice.settings;

import dev.tars.voice.synthesis.VoiceOptions;
import java.util.Objects;

/**
 * Voice settings, persisted by {@link VoiceSettingsFile}. Immutable.
 *
 * @param recognizer which speech-to-text engine to use
 * @param voskModel folder name of the Vosk model under the models folder; empty picks the first installed
 * @param microphone device name; empty is the system default
 * @param speaker device name; empty is the system default
 * @param pushToTalkKey a JavaFX key combination, e.g. {@code Ctrl+Space}
 * @param sendOnRelease send the message as soon as the push-to-talk key is released
 * @param autoRead read every answer aloud as it streams
 * @param voice how answers are read aloud
 */
public record VoiceSettings(
    RecognizerChoice recognizer,
    String voskModel,
    String microphone,
    String speaker,
    String pushToTalkKey,
    boolean sendOnRelease,
    boolean autoRead,
    VoiceOptions voice) {

  public static final VoiceSettings DEFAULTS = new VoiceSettings(RecognizerChoice.AUTO, "", "", "", "Ctrl+Space",
      false, false, VoiceOptions.DEFAULTS);

  /** Speech-to-text engine choice. */
  public enum RecognizerChoice {
    /** Vosk when a Vosk model is installed, else PocketSphinx. */
    AUTO,
    VOSK,
    POCKETSPHINX
  }

  public VoiceSettings {
    Objects.requireNonNull(recognizer, "recognizer");
    Objects.requireNonNull(voskModel, "voskModel");
    Objects.requireNonNull(microphone, "microphone");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(pushToTalkKey, "pushToTalkKey");
    Objects.requireNonNull(voice, "voice");
    if (pushToTalkKey.isBlank()) {
      throw new IllegalArgumentException("The push-to-talk key must not be empty");
    }
  }

  public VoiceSettings withRecognizer(RecognizerChoice value, String model) {
    return new VoiceSettings(value, model, microphone, speaker, pushToTalkKey, sendOnRelease, autoRead, voice);
  }

  public VoiceSettings withDevices(String mic, String out) {
    return new VoiceSettings(recognizer, voskModel, mic, out, pushToTalkKey, sendOnRelease, autoRead, voice);
  }

  public VoiceSettings withPushToTalk(String key, boolean send) {
    return new VoiceSettings(recognizer, voskModel, microphone, speaker, key, send, autoRead, voice);
  }

  public VoiceSettings withAutoRead(boolean value) {
    return new VoiceSettings(recognizer, voskModel, microphone, speaker, pushToTalkKey, sendOnRelease, value, voice);
  }

  public VoiceSettings withVoice(VoiceOptions value) {
    return new VoiceSettings(recognizer, voskModel, microphone, speaker, pushToTalkKey, sendOnRelease, autoRead,
        value);
  }
}
