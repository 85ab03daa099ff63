package dev.tars.runtime;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service Tars runs without when it cannot be built on this computer (documents, voice): built once, on the
 * first ask. A failure, a missing native library included, is logged once with what is lost, remembered, and
 * rethrown on every later ask, so one run never tries twice. Called with the runtime's lock held.
 */
final class OptionalService<T> {
  private static final Logger LOG = LoggerFactory.getLogger(OptionalService.class);

  private final String name;
  private T built;
  private RuntimeException failure;

  /** @param name what the service is, for the log and messages ("The document index") */
  OptionalService(String name) {
    this.name = name;
  }

  /**
   * The service, built with {@code build} on the first call.
   *
   * @throws RuntimeException (with a message for a person) when it cannot be built; asking again rethrows it
   */
  synchronized T get(Supplier<T> build) {
    if (built != null) {
      return built;
    }
    if (failure != null) {
      throw failure;
    }
    try {
      built = build.get();
      return built;
    } catch (RuntimeException e) {
      failure = e;
    } catch (LinkageError e) {
      failure = new IllegalStateException(name + " cannot run on this computer: " + e.getMessage(), e);
    }
    LOG.error("{} could not open; it is not available in this run", name, failure);
    throw failure;
  }

  /** Like {@link #get}, empty when the service cannot be built (the log says why). */
  synchronized Optional<T> ifAvailable(Supplier<T> build) {
    try {
      return Optional.of(get(build));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The service when it has been built, else null; never builds it. */
  synchronized T builtOrNull() {
    return built;
  }

  /** Not used in this run: every ask throws {@code why}. */
  synchronized void turnOff(RuntimeException why) {
    if (built == null) {
      failure = why;
    }
  }
}
