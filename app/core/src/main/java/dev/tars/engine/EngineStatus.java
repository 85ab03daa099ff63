package dev.tars.engine;

/**
 * What the engine is doing: the one status type of Tars, reported by the local engine's supervisor and by
 * the runtime's engine host, and shown by the status bar.
 *
 * @param state the state
 * @param remote whether answers come from a remote server
 * @param detail the model name (LOADING, READY), or a message for a person (RESTARTING, FAILED); may be empty
 */
public record EngineStatus(State state, boolean remote, String detail) {
  public enum State {
    /** No model chosen and no remote server configured, or the engine was closed. */
    NONE,
    /** Starting the engine process and loading the model. */
    LOADING,
    /** Answering. */
    READY,
    /** The engine process died and is being started again. */
    RESTARTING,
    /** The model cannot be served; {@link #detail} says why. */
    FAILED
  }

  public static final EngineStatus NONE = new EngineStatus(State.NONE, false, "");

  public EngineStatus {
    java.util.Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
  }

  /** The status of the local engine serving {@code model} (a file name, or a message for a person). */
  public static EngineStatus local(State state, String detail) {
    return new EngineStatus(state, false, detail);
  }

  /** Receives every change, on an engine thread. */
  @FunctionalInterface
  public interface Listener {
    void statusChanged(EngineStatus status);
  }
}
