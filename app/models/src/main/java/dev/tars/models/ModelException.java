package dev.tars.models;

/**
 * A model could not be downloaded, imported, checked or removed. The message is for a person: what happened
 * and what to do. The cause, if any, carries the technical detail for the log.
 */
public class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
