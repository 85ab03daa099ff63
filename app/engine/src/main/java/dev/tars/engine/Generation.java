package dev.tars.engine;

import java.util.concurrent.CompletableFuture;

/** A generation under way. Thread-safe. */
public interface Generation {
  /** Asks the engine to stop; the result then completes with {@link FinishReason#CANCELLED}. Idempotent. */
  void cancel();

  /** Completes (never exceptionally) when the generation has ended for any reason. */
  CompletableFuture<Completion> result();
}
