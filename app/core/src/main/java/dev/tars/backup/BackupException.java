package dev.tars.backup;

/** A backup, verification, mirror or restore could not be done. The message is written for a person. */
public class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
