package dev.tars.models;

import java.time.Duration;

/**
 * A snapshot of a running download.
 *
 * @param bytesDone bytes on disk so far, including those from before a resume
 * @param totalBytes full size, or -1 while the server has not said
 * @param bytesPerSecond recent speed; 0 until it can be measured
 * @param remaining estimated time left, or null when unknown
 */
public record DownloadProgress(long bytesDone, long totalBytes, double bytesPerSecond, Duration remaining) {

  /** Between 0 and 1, or -1 when the total is unknown. */
  public double fraction() {
    return totalBytes > 0 ? Math.min(1.0, (double) bytesDone / totalBytes) : -1;
  }

  /** "123.4 MB of 491.0 MB, 25%, 5.2 MB/s, 1:10 left" */
  public String describe() {
    StringBuilder s = new StringBuilder(Bytes.human(bytesDone));
    if (totalBytes > 0) {
      s.append(" of ").append(Bytes.human(totalBytes)).append(", ").append((int) (fraction() * 100)).append('%');
    }
    s.append(", ").append(Bytes.speed(bytesPerSecond));
    if (remaining != null) {
      s.append(", ").append(Bytes.duration(remaining)).append(" left");
    }
    return s.toString();
  }
}
