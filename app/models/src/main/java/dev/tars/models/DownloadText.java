package dev.tars.models;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Why a download, an install, an import or a deletion of a model stopped, in words a person can read in any language Tars speaks: a {@link Key}
 * of the {@code download*.properties} bundle and its arguments (plain strings, counts that choose a plural, or
 * nested texts rendered in the same language). The command line and the log use {@link #english()}; the
 * window renders it in the person's language with {@link #in(Locale)}, so each reason has one wording per
 * language, in one place.
 */
public record DownloadText(Key key, List<Object> args) {
  private static final String BUNDLE = "dev.tars.models.download";

  /** Each key names a text in the bundle; its arguments are described beside the English text. */
  public enum Key {
    NO_NETWORK, CONNECT_TIMEOUT, NO_ANSWER, NO_ANSWER_WITHIN, STALLED, CONNECTION_DROPPED,
    WHERE_PERCENT, WHERE_AFTER, WHERE_NOWHERE,
    WRONG_RANGE, RESUME_REFUSED,
    HTTP_NOT_FOUND, HTTP_REFUSED, HTTP_BUSY, HTTP_SERVER_ERROR, HTTP_OTHER,
    GAVE_UP, GAVE_UP_KEPT,
    DISK_FULL, FILE_VANISHED, WRITE_FAILED, NO_ROOM,
    TOO_LARGE_ANNOUNCED, TOO_LARGE_RECEIVED, ENDED_EARLY, CHECKSUM_MISMATCH,
    NOT_USABLE, WRONG_ARCHITECTURE,
    GGUF_MISSING, GGUF_UNREADABLE, GGUF_EMPTY, GGUF_NOT_GGUF, GGUF_UNSUPPORTED_VERSION, GGUF_TRUNCATED,
    GGUF_DAMAGED, GGUF_UNSUPPORTED_ARCHITECTURE, GGUF_NOT_A_CHAT_MODEL, GGUF_UNSUPPORTED_TENSOR_TYPE,
    RECORD_FAILED, FAILED_WITH, UNEXPECTED, INSTALL_UNEXPECTED,
    NO_SUCH_MODEL, COMES_WITH_TARS, ALREADY_INSTALLED, ALREADY_DOWNLOADING, DISCARD_FAILED,
    IMPORT_FOLDER, IMPORT_NOT_FOUND, IMPORT_DUPLICATE, IMPORT_DISK_FULL, IMPORT_COPY_FAILED,
    DELETE_NO_SUCH_MODEL, DELETE_IN_USE, DELETE_LIST_FAILED, DELETE_DENIED, DELETE_FAILED,
    ARCHIVE_ALREADY_THERE, ARCHIVE_DAMAGED, ARCHIVE_DISK_FULL, ARCHIVE_NOT_VOSK, ARCHIVE_REFUSED,
    REFUSED_TOO_MANY_FILES, REFUSED_ABSOLUTE_PATH, REFUSED_OUTSIDE, REFUSED_LINK, REFUSED_ENCRYPTED,
    REFUSED_TOO_BIG, REFUSED_BOMB,
    /** A reason only known in English (a test's own file check): shown as it is. */
    OTHER
  }

  public DownloadText {
    Objects.requireNonNull(key, "key");
    for (Object arg : args) {
      if (!(arg instanceof String) && !(arg instanceof DownloadText) && !(arg instanceof Integer)) {
        throw new IllegalArgumentException("arguments are strings, counts or texts, not " + arg);
      }
    }
    args = List.copyOf(args);
  }

  /** {@code args}: strings, counts, or texts to render in the same language. */
  public static DownloadText of(Key key, Object... args) {
    return new DownloadText(key, Arrays.asList(args));
  }

  /** The text in {@code locale}'s language, or English when Tars has no texts in that language. */
  public String in(Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Object[] rendered = args.stream().map(a -> a instanceof DownloadText t ? t.in(locale) : a).toArray();
    return new MessageFormat(bundle.getString(key.name()), locale).format(rendered);
  }

  public String english() {
    return in(Locale.ROOT);
  }

  @Override
  public String toString() {
    return english();
  }
}
