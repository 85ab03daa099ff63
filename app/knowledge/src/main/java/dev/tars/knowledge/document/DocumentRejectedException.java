package dev.tars.knowledge.document;

/**
 * A file that cannot be indexed, with a reason a person can act on (what happened + what to do), in every language
 * Tars speaks; the message is its English. Only that file fails; the job goes on. Parsing and OCR both reject
 * files, so it sits below both (no package cycle).
 */
public final class DocumentRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient NotIndexedReason reason;

  public DocumentRejectedException(NotIndexedReason reason) {
    this(reason, null);
  }

  public DocumentRejectedException(NotIndexedReason reason, Throwable cause) {
    super(reason.english(), cause);
    this.reason = reason;
  }

  /** Shortcut for a reason with its arguments. */
  public static DocumentRejectedException of(NotIndexedReason.Key key, Object... args) {
    return new DocumentRejectedException(NotIndexedReason.of(key, args));
  }

  /** The reason (only English once serialized: the field is transient). */
  public NotIndexedReason reason() {
    return reason == null ? NotIndexedReason.of(NotIndexedReason.Key.OTHER, getMessage()) : reason;
  }
}
