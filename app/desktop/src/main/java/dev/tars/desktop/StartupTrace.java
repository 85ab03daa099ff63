package dev.tars.desktop;

import java.time.Duration;
import java.time.Instant;

/**
 * Start-up milestones for the start-up breakdown ({@code installer/bench/startup-breakdown.sh}): with
 * {@code -Dtars.startup.trace=true}, each {@link #mark} prints one line {@code tars-startup <ms> <milestone>} to
 * standard error, the milliseconds counted from the start of this process (as the OS saw it, 10 ms steps), so
 * the time before the JVM runs any Java code is included. Off by default: then a mark costs one field read.
 */
final class StartupTrace {
  private static final boolean ON = Boolean.getBoolean("tars.startup.trace");

  private StartupTrace() {}

  static void mark(String milestone) {
    if (!ON) {
      return;
    }
    Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    System.err.println("tars-startup " + Duration.between(started, Instant.now()).toMillis() + " " + milestone);
  }
}
