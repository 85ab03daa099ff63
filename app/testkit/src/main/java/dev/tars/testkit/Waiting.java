package dev.tars.testkit;

import java.time.Duration;

/** Waits for something another thread does, polling; fails the test when it does not happen in time. */
public final class Waiting {
  /** Long enough for a busy shared build machine; a test that passes waits only as long as it needs. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private static final long POLL_MILLIS = 10;

  /** A condition to wait for; it may throw (e.g. when it reads through another thread). */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Waiting() {}

  /** Returns as soon as {@code condition} holds; fails after {@link #DEFAULT_TIMEOUT}. */
  public static void waitUntil(Condition condition) {
    waitUntil(DEFAULT_TIMEOUT, condition);
  }

  /** Returns as soon as {@code condition} holds; fails after {@code timeout}. */
  public static void waitUntil(Duration timeout, Condition condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!condition.holds()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Condition not met within " + timeout.toMillis() + " ms");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting", e);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("The condition could not be checked: " + e, e);
    }
  }
}
