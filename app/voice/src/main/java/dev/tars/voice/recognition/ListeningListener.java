package dev.tars.voice.recognition;

/**
 * Hears a {@link Listening} as it goes. Called on Tars' voice threads, never the UI thread: a UI hands the values
 * to its own thread.
 */
public interface ListeningListener {
  ListeningListener NONE = new ListeningListener() {};

  /** Loudness of the last tenth of a second, 0 (silence) to 1 (full scale), for a level meter. */
  default void onLevel(double level) {}

  /** The text recognized so far. */
  default void onPartial(String textSoFar) {}
}
