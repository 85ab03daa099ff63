package dev.tars.models;

import java.time.Duration;
import java.util.ArrayDeque;

/** Speed over a sliding window, so that a stall shows at once and a burst does not linger. Not thread-safe. */
final class SpeedMeter {
  private record Sample(long nanos, long bytes) {}

  private final long windowNanos;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  SpeedMeter(Duration window) {
    this.windowNanos = window.toNanos();
  }

  void add(long nanos, long totalBytes) {
    samples.addLast(new Sample(nanos, totalBytes));
    while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
      samples.removeFirst();
    }
  }

  /** Bytes per second across the window; 0 until two samples at least 100 ms apart exist. */
  double bytesPerSecond() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long elapsed = last.nanos() - first.nanos();
    if (elapsed < 100_000_000L) {
      return 0;
    }
    return (last.bytes() - first.bytes()) * 1e9 / elapsed;
  }

  /** Time to fetch {@code remainingBytes} at the current speed, or null if the speed is unknown. */
  Duration eta(long remainingBytes) {
    double speed = bytesPerSecond();
    if (speed <= 0 || remainingBytes < 0) {
      return null;
    }
    return Duration.ofSeconds((long) Math.ceil(remainingBytes / speed));
  }
}
