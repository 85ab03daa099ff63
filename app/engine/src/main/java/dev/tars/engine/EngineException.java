package dev.tars.engine;

/**
 * An engine could not do what was asked. The message is written for a person: it says what happened and,
 * where possible, what to do. Causes carry the technical detail for the log.
 */
public class EngineException extends Exception {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
