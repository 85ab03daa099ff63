package dev.tars.watchdog;

import java.util.Optional;

/**
 * What the watchdog needs to know about the local engine's child process. The engine supervisor implements
 * it; the watchdog only observes (the supervisor restarts a crashed engine itself).
 */
public interface EngineProcess {

  /** Whether an engine should be running now (a local model is chosen and was started). */
  boolean shouldBeRunning();

  /** The current child process, if one was started. */
  Optional<ProcessHandle> process();

  /** How many times the engine was restarted after a crash since the app started. */
  int restartCount();

  /** Why the engine gave up, in words for a person, when it did; empty while it runs or restarts. */
  default Optional<String> failure() {
    return Optional.empty();
  }
}
