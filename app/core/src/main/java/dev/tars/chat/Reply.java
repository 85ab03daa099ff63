package dev.tars.chat;

import java.util.concurrent.CompletableFuture;

/** An answer being generated. */
public interface Reply {
  /** Stops generation at once; what was generated is kept and marked STOPPED. Idempotent. */
  void stop();

  /** The stored answer when it ends; completes exceptionally only when nothing could be started. */
  CompletableFuture<Message> done();
}
