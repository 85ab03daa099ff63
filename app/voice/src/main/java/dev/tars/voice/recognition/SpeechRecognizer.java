package dev.tars.voice.recognition;

/**
 * Turns speech into text as it is heard. A recognizer holds a loaded model (slow to load, so load it once, off the
 * UI thread) and hands out {@link RecognitionSession}s, one per utterance; audio is fed in
 * {@link dev.tars.voice.audio.SpeechAudio#FORMAT}. At most one session is open at a time per recognizer.
 */
public interface SpeechRecognizer extends AutoCloseable {

  /** A short name for Settings and logs, e.g. "PocketSphinx (en-US)". */
  String name();

  /**
   * Begins an utterance. {@code listener} hears partial results on the thread that feeds audio.
   *
   * @throws IllegalStateException if another session is still open
   * @throws dev.tars.voice.VoiceException if the recognizer was closed
   */
  RecognitionSession startSession(RecognitionListener listener);

  /** Frees the model; waits (bounded) for an open session to end. Idempotent. */
  @Override
  void close();
}
