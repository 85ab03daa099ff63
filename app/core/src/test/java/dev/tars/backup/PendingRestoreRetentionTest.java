package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.AppPaths;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingRestoreRetentionTest {
  @TempDir Path home;

  @Test
  void theBackupARestoreWaitsForSurvivesRetentionOfTheExitBackupTakenBeforeTheRestart() throws Exception {
    AppPaths paths = new AppPaths(home).ensureCreated();
    try (Database db = TestDatabase.open(paths)) {
      BackupService service = BackupFixture.service(paths, db,
          new BackupConfig(Duration.ofHours(1), new RetentionPolicy(1, 0, 0, 0), null), DiskSpace.SYSTEM);
      BackupInfo wanted = service.backupNow("manual").backup();
      service.requestRestore(wanted.id());

      new Jdbc(db.dataSource()).update("MERGE INTO setting (name, content) KEY (name) VALUES ('theme', 'DARK')");
      BackupService.Run exit = service.backupNow("exit");

      assertThat(exit.deleted()).doesNotContain(wanted.id());
      assertThat(Files.exists(wanted.archive())).isTrue();

      PendingRestore.cancel(paths);
      new Jdbc(db.dataSource()).update("MERGE INTO setting (name, content) KEY (name) VALUES ('theme', 'LIGHT')");
      assertThat(service.backupNow("manual").deleted()).contains(wanted.id(), exit.backup().id());
    }
  }
}
