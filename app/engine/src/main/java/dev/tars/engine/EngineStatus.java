package dev.tars.engine;

import java.util.List;

/**
 * What the engine is doing: the one status type of Tars, reported by the local engine's supervisor and by
 * the runtime's engine host, and shown by the status bar.
 *
 * @param state the state
 * @param remote whether answers come from a remote server
 * @param detail the model name (LOADING, READY), or a message for a person (RESTARTING, FAILED) in English
 *     (the log, the command line); may be empty
 * @param key with {@code args}, lets a front end say {@code detail} in the person's language (the desktop's
 *     {@code engine.reason.<key>}); null when there is no translation (say, a remote server's own error)
 * @param args the values the translated text shows, in order
 */
public record EngineStatus(State state, boolean remote, String detail, String key, List<Object> args) {
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
    args = args == null ? List.of() : List.copyOf(args);
  }

  /** A status whose detail has no translation. */
  public EngineStatus(State state, boolean remote, String detail) {
    this(state, remote, detail, null, List.of());
  }

  /** The status of the local engine serving {@code model} (a file name, or a message for a person). */
  public static EngineStatus local(State state, String detail) {
    return new EngineStatus(state, false, detail);
  }

  /** The status of the local engine with a reason a front end can translate ({@code english} for the log). */
  public static EngineStatus local(State state, String english, String key, Object... args) {
    return new EngineStatus(state, false, english, key, List.of(args));
  }

  /** Receives every change, on an engine thread. */
  @FunctionalInterface
  public interface Listener {
    void statusChanged(EngineStatus status);
  }
}
