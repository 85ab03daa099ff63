package dev.tars.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** The one place threads are made: every thread is named, a daemon, and logs what kills it. */
public final class NamedThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();

  private NamedThreads(String prefix) {
    this.prefix = prefix;
  }

  /** A factory whose threads are called {@code tars-<prefix>-<n>}. */
  public static NamedThreads named(String prefix) {
    return new NamedThreads(prefix);
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "tars-" + prefix + "-" + counter.incrementAndGet());
    thread.setDaemon(true);
    // The logger is looked up when needed: making the first thread must not configure logging (the desktop
    // launcher configures it on a thread of its own, beside the JavaFX toolkit's start).
    thread.setUncaughtExceptionHandler((t, e) ->
        LoggerFactory.getLogger(NamedThreads.class).error("Uncaught failure on thread {}", t.getName(), e));
    return thread;
  }
}
