package dev.tars.models;

import java.util.concurrent.CompletableFuture;

/** A running (or queued) download. Thread-safe. */
public interface Download {
  DownloadRequest request();

  /** Stops soon and keeps the bytes so far; the outcome becomes {@link DownloadOutcome.Paused}. */
  void pause();

  /** Stops soon and deletes the bytes so far; the outcome becomes {@link DownloadOutcome.Cancelled}. */
  void cancel();

  /** Completes (never exceptionally) when the download has ended one way or another. */
  CompletableFuture<DownloadOutcome> outcome();
}
