package dev.tars.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A comparison of two sides measured round by round in one run (Tars against its reference): the ratio of
 * each round, its spread (min, median, max) and the machine's load average while the rounds ran. One round
 * measures both sides back to back, so load that comes and goes hits both; {@link #firstSideFirst} alternates
 * which side goes first, so neither always gets the warmer caches. A wide spread means the load moved during
 * a round: read the median, and rerun at a quieter moment before trusting a single figure.
 */
public final class RoundRatios {
  private final String name;
  private final List<Double> ratios = new ArrayList<>();
  private double minLoad = Double.MAX_VALUE;
  private double maxLoad;

  /** @param name what is compared, e.g. "generation tok/s, Tars / in-process" */
  public RoundRatios(String name) {
    this.name = name;
  }

  /** Whether round {@code round} (0-based) measures the first side first: every other round swaps the order. */
  public static boolean firstSideFirst(int round) {
    return round % 2 == 0;
  }

  /** Records one round's ratio and the load average at its end. */
  public void add(double ratio) {
    ratios.add(ratio);
    double load = loadAverage();
    minLoad = Math.min(minLoad, load);
    maxLoad = Math.max(maxLoad, load);
  }

  public int rounds() {
    return ratios.size();
  }

  public double min() {
    return sorted()[0];
  }

  public double max() {
    double[] s = sorted();
    return s[s.length - 1];
  }

  public double median() {
    double[] s = sorted();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** "gen tok/s, Tars / in-process: median 0.93 (min 0.81, max 0.98) over 5 rounds; load 1.8-2.3 on 2 cores" */
  public String summary() {
    if (ratios.isEmpty()) {
      return name + ": no rounds";
    }
    return String.format(Locale.ROOT, "%s: median %.3f (min %.3f, max %.3f) over %d interleaved rounds;"
        + " load average %.1f-%.1f on %d cores", name, median(), min(), max(), ratios.size(), minLoad, maxLoad,
        Runtime.getRuntime().availableProcessors());
  }

  /** The one-minute load average, or -1 where the system does not say. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private double[] sorted() {
    if (ratios.isEmpty()) {
      throw new IllegalStateException("no rounds recorded for " + name);
    }
    double[] s = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return s;
  }
}
