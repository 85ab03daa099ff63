package dev.tars.storage;

/** Stored data could not be read or written. The message is written for a person. */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
