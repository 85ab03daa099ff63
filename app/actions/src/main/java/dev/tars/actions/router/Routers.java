package dev.tars.actions.router;

import dev.tars.engine.ChatEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The routers Tars has. */
public final class Routers {
  private static final Router FIRST_STAGE = new FirstStageRouter();

  private Routers() {}

  /** The on-device first stage: no model needed, thread-safe, a few milliseconds per utterance. */
  public static Router firstStage() {
    return FIRST_STAGE;
  }

  /**
   * The first stage, with the loaded chat model deciding when the first stage is unsure. Blocks while the
   * model answers (at most {@code timeout}): call it off the UI thread.
   *
   * @param loadedEngine the engine when a model is loaded and ready, empty otherwise (must not start a load)
   */
  public static Router withModel(Supplier<Optional<ChatEngine>> loadedEngine, Duration timeout) {
    return new SecondStageRouter(loadedEngine, timeout);
  }
}
