package dev.tars.actions.i18n;

import java.util.Locale;

/**
 * A failure a person reads: a text key with its arguments, shown in their language by {@link #describe}.
 * {@link #getMessage()} is the English text, for the log.
 */
public class ActionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object[] args;

  public ActionException(String key, Object... args) {
    this(null, key, args);
  }

  public ActionException(Throwable cause, String key, Object... args) {
    super(Texts.of(Locale.ENGLISH).get(key, args), cause);
    this.key = key;
    this.args = args.clone();
  }

  public String key() {
    return key;
  }

  /** The message in {@code texts}' language. */
  public String describe(Texts texts) {
    return texts.get(key, args);
  }
}
