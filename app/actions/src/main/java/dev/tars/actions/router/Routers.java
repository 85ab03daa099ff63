package dev.tars.actions.router;

/** The routers Tars has. */
public final class Routers {
  private Routers() {}

  private static final Router FIRST_STAGE = new FirstStageRouter();

  /** The on-device first stage: no model needed, thread-safe, a few milliseconds per utterance. */
  public static Router firstStage() {
    return FIRST_STAGE;
  }
}
