package dev.tars.desktop.fx;

import java.time.Duration;

/**
 * The one hand-off from background threads to the UI thread. View models receive results through it, so a
 * test can run them synchronously on its own thread.
 */
public interface UiDispatcher {
  /** Runs {@code task} on the UI thread, later (never inline on a background thread). */
  void run(Runnable task);

  /**
   * A trigger that may be pulled from any thread as often as wanted; {@code task} then runs on the UI thread
   * at most once per {@code minGap}, and always once after the last pull. Used to coalesce streamed text.
   */
  Runnable throttled(Runnable task, Duration minGap);

  /** Runs everything at once on the calling thread: for view-model tests. */
  static UiDispatcher immediate() {
    return new UiDispatcher() {
      @Override
      public void run(Runnable task) {
        task.run();
      }

      @Override
      public Runnable throttled(Runnable task, Duration minGap) {
        return task;
      }
    };
  }
}
