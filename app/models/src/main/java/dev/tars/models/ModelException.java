package dev.tars.models;

/**
 * A model could not be downloaded, imported, checked or removed. The text is for a person, in every language Tars
 * speaks: what happened and what to do; the message is its English. The cause, if any, carries the technical
 * detail for the log.
 */
public class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient DownloadText text;

  /** A problem Tars can say in every language it speaks; the exception's message is its English. */
  public ModelException(DownloadText text, Throwable cause) {
    super(text.english(), cause);
    this.text = text;
  }

  /** The message as a text to render in the person's language (only English once serialized: the field is transient). */
  public DownloadText text() {
    return text == null ? DownloadText.of(DownloadText.Key.OTHER, getMessage()) : text;
  }
}
