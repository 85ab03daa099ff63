package dev.tars.desktop.fx;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A UI thread for view-model tests: tasks handed over from any thread wait in a queue until the test thread
 * runs them with {@link #runUntil}, so view models are only ever touched by one thread, as on JavaFX.
 */
public final class TestUi implements UiDispatcher {
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

  @Override
  public void run(Runnable task) {
    queue.add(task);
  }

  @Override
  public Runnable throttled(Runnable task, Duration minGap) {
    return () -> queue.add(task);
  }

  /** Background work runs at once on the calling thread; its result is queued here. */
  public Background background() {
    return new Background(Runnable::run, this);
  }

  /** Runs queued tasks until {@code condition} holds; fails after {@code timeout}. */
  public void runUntil(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    runPending();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Condition not met within " + timeout);
      }
      try {
        Runnable task = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        if (task != null) {
          task.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted", e);
      }
    }
  }

  /** Runs every task queued so far. */
  public void runPending() {
    Runnable task;
    while ((task = queue.poll()) != null) {
      task.run();
    }
  }
}
