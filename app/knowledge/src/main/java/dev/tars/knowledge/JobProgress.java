package dev.tars.knowledge;

import java.time.Duration;
import java.util.Optional;

/**
 * The whole ingestion job at a glance.
 *
 * @param bytesDone bytes of documents finished (indexed or failed) since the job started
 * @param bytesTotal bytes done plus bytes still queued or in progress
 * @param eta remaining time estimated from the byte rate so far; empty until there is a rate to go by
 */
public record JobProgress(int queued, int inProgress, int indexed, int failed, long bytesDone, long bytesTotal,
    Optional<Duration> eta, boolean paused) {

  /** 0..1 share of the job's bytes that are done. */
  public double fraction() {
    return bytesTotal == 0 ? 1.0 : Math.min(1.0, (double) bytesDone / bytesTotal);
  }

  public boolean idle() {
    return queued == 0 && inProgress == 0;
  }
}
