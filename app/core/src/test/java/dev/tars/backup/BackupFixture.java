package dev.tars.backup;

import dev.tars.models.DiskSpace;
import dev.tars.config.AppPaths;
import dev.tars.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A backup service over a real H2 database in a temporary data home. */
final class BackupFixture {
  private BackupFixture() {}

  static BackupService service(AppPaths paths, Database db, BackupConfig config, DiskSpace disk) {
    return new BackupService(paths, List.of(new H2BackupSource(db.dataSource(), "db")),
        () -> Map.of(BackupExtras.SETTINGS, BackupExtras.settingsJson(db.dataSource()),
            BackupExtras.MODELS, BackupExtras.modelsJson(paths.models())),
        List.of(), () -> config, Clock.systemUTC(), "test", disk);
  }

  static BackupService service(AppPaths paths, Database db) {
    return service(paths, db, BackupConfig.DEFAULT, DiskSpace.SYSTEM);
  }

  static String sha(Path file) throws java.io.IOException {
    return SafeFiles.sha256(file);
  }
}
