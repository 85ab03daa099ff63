package dev.tars.desktop.engine;

/**
 * What the engine is doing, as the status bar shows it.
 *
 * @param state the state
 * @param remote whether answers come from a remote server
 * @param detail the model name (READY, LOADING), or a message for a person (FAILED); may be empty
 */
public record EngineStatus(State state, boolean remote, String detail) {
  public enum State {
    /** No model chosen and no remote server configured. */
    NONE,
    LOADING,
    READY,
    /** The engine process died and is being started again. */
    RESTARTING,
    FAILED
  }

  public static final EngineStatus NONE = new EngineStatus(State.NONE, false, "");
}
