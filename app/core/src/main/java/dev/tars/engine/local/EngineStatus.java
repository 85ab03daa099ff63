package dev.tars.engine.local;

import java.nio.file.Path;

/**
 * Where the local engine is, for the UI to show.
 *
 * @param state what it is doing
 * @param model the model file it serves or is loading, null when none
 * @param message for a person: why it failed or restarts; empty otherwise
 */
public record EngineStatus(State state, Path model, String message) {
  public enum State {
    /** No model loaded (not started yet, or closed). */
    STOPPED,
    /** Starting the engine process and loading the model. */
    LOADING,
    /** Answering. */
    READY,
    /** The engine process died; a new one is starting. */
    RESTARTING,
    /** The model cannot be served; {@link #message} says why. */
    FAILED
  }

  public EngineStatus {
    message = message == null ? "" : message;
  }

  /** Receives every change, on an engine thread. */
  @FunctionalInterface
  public interface Listener {
    void statusChanged(EngineStatus status);
  }
}
