package dev.tars.desktop.backup;

import dev.tars.backup.BackupException;
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
      return i18n.get("backups.problem." + b.reason().key(), b.args().toArray());
    }
    return String.valueOf(cause.getMessage());
  }
}
