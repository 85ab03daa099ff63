package dev.tars.desktop.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocking work (storage, files, engines) off the UI thread and brings the outcome back through the
 * {@link UiDispatcher}. With a direct executor and an immediate dispatcher everything runs synchronously, which
 * is how view-model tests use it.
 */
public final class Background {
  private static final Logger LOG = LoggerFactory.getLogger(Background.class);

  private final Executor executor;
  private final UiDispatcher ui;

  public Background(Executor executor, UiDispatcher ui) {
    this.executor = executor;
    this.ui = ui;
  }

  /** Synchronous: for tests. */
  public static Background direct() {
    return new Background(Runnable::run, UiDispatcher.immediate());
  }

  public UiDispatcher ui() {
    return ui;
  }

  /** Runs {@code work} in the background; {@code onDone} or {@code onError} then runs on the UI thread. */
  public <T> void run(Callable<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onError) {
    try {
      executor.execute(() -> runNow(work, onDone, onError));
    } catch (RejectedExecutionException e) {
      // Only happens while the app shuts down: late results (e.g. an answer that just ended) need no more work.
      LOG.debug("Background work dropped during shutdown", e);
    }
  }

  private <T> void runNow(Callable<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onError) {
    T result;
    try {
      result = work.call();
    } catch (Exception e) {
      LOG.warn("Background work failed", e);
      ui.run(() -> onError.accept(e));
      return;
    }
    ui.run(() -> onDone.accept(result));
  }

  /** Runs {@code work} in the background where only a failure matters. */
  public void run(Runnable work, Consumer<? super Exception> onError) {
    run(() -> {
      work.run();
      return null;
    }, ignored -> {}, onError);
  }
}
