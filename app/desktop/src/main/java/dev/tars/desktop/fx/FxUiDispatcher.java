package dev.tars.desktop.fx;

import dev.tars.concurrent.NamedThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/** Hands work to the JavaFX Application Thread; the only place the app calls {@link Platform#runLater}. */
public final class FxUiDispatcher implements UiDispatcher, AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("ui-throttle"));

  @Override
  public void run(Runnable task) {
    Platform.runLater(task);
  }

  @Override
  public Runnable throttled(Runnable task, Duration minGap) {
    AtomicBoolean pending = new AtomicBoolean();
    long gapMillis = minGap.toMillis();
    return () -> {
      if (pending.compareAndSet(false, true)) {
        // The flag is cleared on the UI thread just before the task reads the latest state, so a pull that
        // arrives while the task runs schedules one more run and nothing is missed.
        timer.schedule(() -> Platform.runLater(() -> {
          pending.set(false);
          task.run();
        }), gapMillis, TimeUnit.MILLISECONDS);
      }
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
