package dev.tars.desktop.backup;

import dev.tars.backup.BackupException;
import dev.tars.backup.BackupStatus;
import dev.tars.desktop.fx.I18n;
import java.util.concurrent.CompletionException;

/**
 * Why a backup action failed, in the page's language: a {@link BackupException} by its reason
 * ({@code backups.problem.*}, decision 1445); one without a reason of its own, or anything else, in its own words.
 */
final class BackupProblemText {
  private BackupProblemText() {}

  static String of(Throwable failure, I18n i18n) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof BackupException b && b.reason() != BackupException.Reason.OTHER) {
      Object[] args = b.args().stream().map(a -> a instanceof BackupStatus s ? problems(s, i18n) : a).toArray();
      return i18n.get("backups.problem." + b.reason().key(), args);
    }
    return String.valueOf(cause.getMessage());
  }

  /** What a check found wrong, worded per finding; a status file written before findings existed in its English. */
  static String problems(BackupStatus status, I18n i18n) {
    if (status.findings().size() != status.problems().size()) {
      return String.join(" ", status.problems());
    }
    return String.join(" ", status.findings().stream().map(f -> f.reason().equals(BackupException.Reason.OTHER.key())
        ? String.valueOf(f.args().isEmpty() ? "" : f.args().get(0))
        : i18n.get("backups.problem." + f.reason(), f.args().toArray())).toList());
  }
}
