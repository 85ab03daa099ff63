package dev.tars.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place threads are made: every thread is named, a daemon, and logs what kills it. */
public final class NamedThreads implements ThreadFactory {
  private static final Logger LOG = LoggerFactory.getLogger(NamedThreads.class);

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
    thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught failure on thread {}", t.getName(), e));
    return thread;
  }
}
