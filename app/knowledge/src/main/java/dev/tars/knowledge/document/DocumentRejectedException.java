package dev.tars.knowledge.parse;

/**
 * A file that cannot be indexed, with a reason a person can act on (what happened + what to do). Only that
 * file fails; the job goes on.
 */
public final class DocumentRejectedException extends Exception {

  public DocumentRejectedException(String reason) {
    super(reason);
  }

  public DocumentRejectedException(String reason, Throwable cause) {
    super(reason, cause);
  }

  public String reason() {
    return getMessage();
  }
}
