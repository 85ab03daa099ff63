package dev.tars.cli.backup;

import dev.tars.backup.BackupCatalog;
import dev.tars.backup.BackupException;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.cli.CliRuntime;
import dev.tars.config.AppPaths;
import dev.tars.runtime.TarsRuntime;
import java.util.Locale;

/** What the backup commands share: the data home, the version, and opening the data of a stopped app. */
final class CliBackups {
  private CliBackups() {}

  static AppPaths paths() {
    return AppPaths.fromEnvironment();
  }

  static String appVersion() {
    return CliRuntime.version();
  }

  /**
   * The runtime over the data of a stopped app.
   *
   * @throws BackupException when Tars is running (it holds the database)
   */
  static TarsRuntime openStoppedApp(AppPaths paths, String whatToDoInstead) {
    if (BackupServices.databaseInUse(paths)) {
      throw new BackupException("Tars is running and holds its data. " + whatToDoInstead);
    }
    return CliRuntime.open();
  }

  /** Verification and listing need no database: they work while the app runs. Indexes get CheckIndex. */
  static BackupService catalogOnly(AppPaths paths) {
    return CliRuntime.open().backupCatalog(); // opens no file: nothing to close
  }

  static BackupCatalog catalog(AppPaths paths) {
    return new BackupCatalog(paths.backups());
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
