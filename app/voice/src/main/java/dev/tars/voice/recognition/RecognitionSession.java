package dev.tars.voice.recognition;

/** One utterance being recognized. Not thread-safe: feed and finish it from one thread. */
public interface RecognitionSession extends AutoCloseable {

  /** Feeds {@code count} samples of 16 kHz mono speech; may call the listener with a new partial result. */
  void accept(short[] samples, int count);

  /** Ends the utterance and returns everything recognized in it. The session is then closed. */
  String finish();

  /** Abandons the utterance; nothing more is recognized. Idempotent; also what {@link #close} does if unfinished. */
  void cancel();

  @Override
  default void close() {
    cancel();
  }
}
