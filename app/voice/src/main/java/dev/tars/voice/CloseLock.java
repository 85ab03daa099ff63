package dev.tars.voice;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * How a voice engine waits for its lock when it closes: a bounded wait, so a native call that hangs never
 * keeps the app from exiting. An interrupt ends the wait and stays set for the caller.
 */
public final class CloseLock {
  /** How long closing waits for a recognition or synthesis in progress. */
  public static final Duration WAIT = Duration.ofSeconds(5);

  private CloseLock() {}

  /** Takes {@code lock} within {@link #WAIT}; false when it is still held (or the wait was interrupted). */
  public static boolean tryAcquire(Lock lock) {
    try {
      return lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
