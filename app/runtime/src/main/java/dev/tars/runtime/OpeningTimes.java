package dev.tars.runtime;

/** How long each service took to open, for one line in the log that the start-up breakdown reads. */
final class OpeningTimes {
  private final StringBuilder times = new StringBuilder();
  private final long started = System.nanoTime();

  void time(String step, Runnable open) {
    long stepStarted = System.nanoTime();
    open.run();
    times.append(times.isEmpty() ? "" : ", ").append(step).append(' ').append(millisSince(stepStarted)).append(" ms");
  }

  @Override
  public String toString() {
    return "Services open in " + millisSince(started) + " ms (" + times + ")";
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
