package dev.tars.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link TarsRuntime} built, in the order it was built, so that it is closed from the last: chat before
 * memory before the database. Each service bounds its own wait; a failure to close one is logged and the rest
 * still close. Thread-safe.
 */
final class ClosingOrder {
  private static final Logger LOG = LoggerFactory.getLogger(ClosingOrder.class);

  private final Deque<Map.Entry<String, AutoCloseable>> built = new ArrayDeque<>();

  /** Remembers {@code service} (named for the log) to close it before everything built earlier. */
  synchronized <T extends AutoCloseable> T track(String name, T service) {
    built.push(Map.entry(name, service));
    return service;
  }

  /** Closes everything tracked, the last first, and forgets it. The lock is not held while services close. */
  void closeAll() {
    List<Map.Entry<String, AutoCloseable>> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(built);
      built.clear();
    }
    for (Map.Entry<String, AutoCloseable> service : toClose) {
      long started = System.nanoTime();
      try {
        service.getValue().close();
      } catch (Exception | LinkageError e) {
        LOG.warn("Closing the {} failed", service.getKey(), e);
      }
      LOG.info("Closed the {} in {} ms", service.getKey(), (System.nanoTime() - started) / 1_000_000);
    }
  }
}
