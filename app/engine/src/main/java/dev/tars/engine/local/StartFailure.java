package dev.tars.engine.local;

import dev.tars.engine.EngineException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Why an engine child could not start, with the key and arguments that let a front end translate it. */
final class StartFailure extends EngineException {
  private static final long serialVersionUID = 1L;
  final transient String key;
  final transient Object[] args;

  StartFailure(String english, String key, Object... args) {
    super(english);
    this.key = key;
    this.args = args;
  }

  /** What went wrong starting the child for {@code file}, in a person's words. */
  static StartFailure of(Exception e, String file, Duration startTimeout) {
    if (e instanceof StartFailure known) {
      return known;
    }
    if (e instanceof EngineException other) {
      return new StartFailure(other.getMessage(), null);
    }
    if (e instanceof TimeoutException) {
      return new StartFailure("Loading " + file + " took longer than " + startTimeout.toSeconds()
          + " s; the engine was stopped.", "loadTimeout", file, startTimeout.toSeconds());
    }
    return new StartFailure("Could not start the engine for " + file + ": " + e.getMessage(), "startFailed", file,
        String.valueOf(e.getMessage()));
  }
}
