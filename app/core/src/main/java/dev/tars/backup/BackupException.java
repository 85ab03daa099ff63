package dev.tars.backup;

import java.util.List;

/**
 * A backup, verification, mirror or restore could not be done. The message is English, for the command line and
 * the log; the window words {@link #reason()} with {@link #args()} in the person's language (decision 1445).
 */
public class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why; each has a sentence per language in the desktop bundles ({@code backups.problem.<key>}). */
  public enum Reason {
    /** No wording of its own: the English message is shown as it is. */
    OTHER("other"),
    /** {0} id, {1} the checker's problems. */
    DAMAGED("damaged"),
    /** {0} file name. */
    NOT_ZIP("notZip"),
    /** {0} file name, {1} the system's detail. */
    UNREADABLE("unreadable"),
    /** {0} file name. */
    NO_MANIFEST("noManifest"),
    /** {0} file name. */
    MANIFEST_UNREADABLE("manifestUnreadable"),
    /** {0} file name, {1} format number. */
    NEWER_FORMAT("newerFormat"),
    /** {0} the unsafe names found. */
    UNSAFE_NAMES("unsafeNames"),
    /** {0} the text given as id. */
    NOT_AN_ID("notAnId"),
    /** {0} id, {1} folder. */
    NO_SUCH_BACKUP("noSuchBackup"),
    /** {0} the system's detail. */
    NOT_PREPARED("notPrepared"),
    /** {0} the path the archive names. */
    OUTSIDE_DATA("outsideData"),
    /** The archive's hash is not the one recorded when it was written. */
    ARCHIVE_CHANGED("archiveChanged"),
    /** {0} the system's detail. */
    CHECK_UNFINISHED("checkUnfinished");

    private final String key;

    Reason(String key) {
      this.key = key;
    }

    /** The last part of the bundle key. */
    public String key() {
      return key;
    }
  }

  private final Reason reason;
  private final transient List<Object> args;

  public BackupException(String message) {
    this(Reason.OTHER, List.of(), message, null);
  }

  public BackupException(String message, Throwable cause) {
    this(Reason.OTHER, List.of(), message, cause);
  }

  /** A failure the window words per language; {@code english} is the message for the log and the command line. */
  public BackupException(Reason reason, List<Object> args, String english, Throwable cause) {
    super(english, cause);
    this.reason = reason;
    this.args = List.copyOf(args);
  }

  public Reason reason() {
    return reason;
  }

  /** The values the sentence of {@link #reason()} needs, in order (names, numbers, a system's own detail). */
  public List<Object> args() {
    return args;
  }
}
