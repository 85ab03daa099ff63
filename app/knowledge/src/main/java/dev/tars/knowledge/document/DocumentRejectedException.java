package dev.tars.knowledge.document;

/**
 * A file that cannot be indexed, with a reason a person can act on (what happened + what to do). Only that
 * file fails; the job goes on. Parsing and OCR both reject files, so it sits below both (no package cycle).
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
