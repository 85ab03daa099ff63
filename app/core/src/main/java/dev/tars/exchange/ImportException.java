package dev.tars.exchange;

/** A file could not be imported; the message says what is wrong and what to do. Nothing was imported. */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
