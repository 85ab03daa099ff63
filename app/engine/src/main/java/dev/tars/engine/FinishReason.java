package dev.tars.engine;

/** Why a generation ended. */
public enum FinishReason {
  /** The model produced an end-of-turn token or a stop string. */
  STOP,
  /** The max-tokens limit or the context window was reached. */
  LENGTH,
  /** The caller cancelled it. */
  CANCELLED,
  /** The engine failed (crashed, connection lost) before the answer was finished. */
  ERROR
}
