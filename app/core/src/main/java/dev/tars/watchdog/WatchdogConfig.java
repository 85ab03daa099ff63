package dev.tars.watchdog;

import java.time.Duration;

/**
 * Timing of the watchdog.
 *
 * @param healthEvery time between health rounds (and memory samples)
 * @param backupEvery time between backup checks; a backup runs only when data changed
 * @param shutdownWait longest {@code close()} waits for the backup at exit and running work
 * @param maxReportGap longest gap between two reports of a problem that persists (reports back off to it)
 */
public record WatchdogConfig(Duration healthEvery, Duration backupEvery, Duration shutdownWait, Duration maxReportGap,
    long diskWarnBytes, Duration metricsKept) {
  public static final WatchdogConfig DEFAULT = new WatchdogConfig(Duration.ofMinutes(1), Duration.ofHours(1),
      Duration.ofSeconds(30), Duration.ofHours(1), 2L << 30, Duration.ofDays(30));
}
