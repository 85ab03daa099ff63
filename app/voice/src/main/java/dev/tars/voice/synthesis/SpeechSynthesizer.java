package dev.tars.voice.synthesis;

import java.util.List;

/**
 * Turns text into speech in {@link dev.tars.voice.audio.SpeechAudio#FORMAT}, delivered in pieces as it is made so
 * playback can begin before a long text is done. Thread-safe; calls are served one at a time.
 */
public interface SpeechSynthesizer extends AutoCloseable {

  /** A short name for Settings and logs. */
  String name();

  /** The voices offered in Settings; the first is the default. */
  List<String> voices();

  /**
   * Speaks {@code text} into {@code sink}, returning when all of it was delivered or the sink asked to stop.
   *
   * @throws dev.tars.voice.VoiceException for blank text or an unknown voice, with a message for the person
   */
  void speak(String text, VoiceOptions options, SpeechSink sink);

  /** Speaks {@code text} into memory. */
  default short[] synthesize(String text, VoiceOptions options) {
    SampleBuffer buffer = new SampleBuffer();
    speak(text, options, buffer);
    return buffer.toArray();
  }

  /** Frees the voices. Idempotent. */
  @Override
  void close();
}
