package dev.tars.desktop.fx;

import dev.tars.testkit.Waiting;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for the window in TestFX tests: conditions are read on the JavaFX thread, like the UI reads them. */
public final class FxWait {
  private FxWait() {}

  /** {@code read} run on the JavaFX thread, its result handed back. */
  public static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  /** Waits until {@code condition}, read on the JavaFX thread, holds. */
  public static void waitUntil(Waiting.Condition condition) {
    Waiting.waitUntil(() -> fx(condition::holds));
  }

  /** Waits at most {@code seconds} until {@code condition}, read on the JavaFX thread, holds. */
  public static void waitUntil(long seconds, Waiting.Condition condition) {
    Waiting.waitUntil(Duration.ofSeconds(seconds), () -> fx(condition::holds));
  }

  /**
   * Waits until the main window has replaced the start-up view. The start-up view shows at once with a disabled
   * composer ("Starting…") but no conversation list, so a composer alone does not mean the window is ready.
   */
  public static void waitForMainWindow(FxRobot robot, long seconds) {
    waitUntil(seconds, () -> robot.lookup(".conversation-list").tryQuery().isPresent()
        && robot.lookup(".composer-input").tryQuery().map(input -> !input.isDisabled()).orElse(false));
  }
}
