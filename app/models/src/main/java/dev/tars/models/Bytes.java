package dev.tars.models;

import java.time.Duration;
import java.util.Locale;

/** Sizes, speeds and durations as people read them (decimal units, like download sites show). */
public final class Bytes {
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

  private Bytes() {}

  public static String human(long bytes) {
    if (bytes < 0) {
      return "unknown size";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  public static String speed(double bytesPerSecond) {
    return bytesPerSecond <= 0 ? "-- /s" : human((long) bytesPerSecond) + "/s";
  }

  /** {@code 1:05:09}, {@code 4:07}, or {@code --:--} when unknown. */
  public static String duration(Duration d) {
    if (d == null || d.isNegative()) {
      return "--:--";
    }
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
