package dev.tars.cli.backup;

import dev.tars.backup.BackupCatalog;
import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupException;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.H2Checker;
import dev.tars.config.AppPaths;
import dev.tars.knowledge.backup.LuceneIndexChecker;
import dev.tars.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** What the backup commands share: the data home, the version, and opening the data of a stopped app. */
final class CliBackups {
  private CliBackups() {}

  static AppPaths paths() {
    return AppPaths.fromEnvironment();
  }

  static String appVersion() {
    try (InputStream in = CliBackups.class.getResourceAsStream("/tars-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Opens the database of a stopped app.
   *
   * @throws BackupException when Tars is running (it holds the database)
   */
  static Database openStoppedApp(AppPaths paths, String whatToDoInstead) {
    if (BackupServices.databaseInUse(paths)) {
      throw new BackupException("Tars is running and holds its data. " + whatToDoInstead);
    }
    return Database.open(paths.database());
  }

  /** The standard service over a stopped app's data: database plus the knowledge index's files. */
  static BackupService service(AppPaths paths, Database db) {
    BackupSettings settings = new BackupSettings(db.dataSource());
    return BackupServices.standard(paths, db, List.of(BackupServices.knowledgeIndexOfStoppedApp(paths)),
        List.of(new H2Checker(), new LuceneIndexChecker()), settings::get, Clock.systemUTC(), appVersion());
  }

  /** Verification and listing need no database: they work while the app runs. Indexes get CheckIndex. */
  static BackupService catalogOnly(AppPaths paths) {
    return new BackupService(paths, List.of(), java.util.Map::of, List.of(new H2Checker(), new LuceneIndexChecker()), () -> BackupConfig.DEFAULT,
        Clock.systemUTC(), appVersion(), dev.tars.models.DiskSpace.SYSTEM);
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
