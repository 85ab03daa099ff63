package dev.tars.engine.local;

import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.TokenSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generation of {@link LocalEngine} that waits for the engine when it is (re)starting, and retries once when the
 * request never reached a live engine (it died just before; nothing was streamed, so nothing is repeated).
 */
final class RetryingGeneration implements Generation {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingGeneration.class);

  /** The ready child, waiting for it while it (re)starts. */
  @FunctionalInterface
  interface ChildSource {
    EngineChild await() throws EngineException;
  }

  private final ChatRequest request;
  private final TokenSink sink;
  private final ChildSource children;
  private final Executor waiting;
  private final CompletableFuture<Completion> result = new CompletableFuture<>();
  private volatile boolean cancelled;
  private Generation delegate; // guarded by this
  private int attempts; // guarded by this

  /** @param waiting runs the waits for a (re)starting engine */
  RetryingGeneration(ChatRequest request, TokenSink sink, ChildSource children, Executor waiting) {
    this.request = request;
    this.sink = sink;
    this.children = children;
    this.waiting = waiting;
  }

  void awaitAndStart() {
    try {
      startOn(children.await());
    } catch (EngineException e) {
      result.complete(cancelled ? cancelledEmpty() : new Completion("", FinishReason.ERROR, -1, -1, e));
    }
  }

  void startOn(EngineChild c) {
    Generation started;
    synchronized (this) {
      if (cancelled) {
        result.complete(cancelledEmpty());
        return;
      }
      attempts++;
      started = c.client().generate(request, sink);
      delegate = started;
    }
    started.result().whenComplete((completion, failure) -> finished(c, completion));
  }

  private void finished(EngineChild c, Completion completion) {
    boolean retry;
    synchronized (this) {
      retry = completion.finishReason() == FinishReason.ERROR && completion.text().isEmpty() && !cancelled
          && attempts < 2;
    }
    if (retry && died(c)) {
      LOG.info("The engine died before answering; waiting for its restart to ask again");
      waiting.execute(this::awaitAndStart);
    } else {
      result.complete(completion);
    }
  }

  private static boolean died(EngineChild c) {
    try {
      c.process().onExit().get(3, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void cancel() {
    Generation d;
    synchronized (this) {
      cancelled = true;
      d = delegate;
    }
    if (d != null) {
      d.cancel();
    } else {
      result.complete(cancelledEmpty());
    }
  }

  @Override
  public CompletableFuture<Completion> result() {
    return result;
  }

  static Completion cancelledEmpty() {
    return new Completion("", FinishReason.CANCELLED, -1, -1, null);
  }
}
