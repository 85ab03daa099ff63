package dev.tars.memory;

/** Facts could not be extracted; the message says why, for a person. */
public final class MemoryExtractionException extends Exception {
  private static final long serialVersionUID = 1L;

  public MemoryExtractionException(String message) {
    super(message);
  }

  public MemoryExtractionException(String message, Throwable cause) {
    super(message, cause);
  }
}
