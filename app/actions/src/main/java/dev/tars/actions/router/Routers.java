package dev.tars.actions.router;

/** The routers Tars has. */
public final class Routers {
  private Routers() {}

  /** The on-device first stage: no model needed. */
  public static Router firstStage() {
    // Placeholder until the first stage lands on the router branch.
    throw new UnsupportedOperationException("The on-device router is not built yet");
  }
}
