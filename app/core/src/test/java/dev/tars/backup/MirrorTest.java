package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.config.AppPaths;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorTest {
  @TempDir Path home;
  @TempDir Path otherDisk;
  private AppPaths paths;
  private Database db;

  @BeforeEach
  void open() {
    paths = new AppPaths(home).ensureCreated();
    db = TestDatabase.open(paths);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private BackupService service(Path mirror, DiskSpace disk) {
    return BackupFixture.service(paths, db, new BackupConfig(java.time.Duration.ofHours(1), RetentionPolicy.DEFAULT, mirror), disk);
  }

  @Test
  void onlyNewArchivesAreCopiedAndEachCopyMatchesItsOriginal() throws Exception {
    BackupService service = service(otherDisk, DiskSpace.SYSTEM);
    BackupService.Run first = service.backupNow("manual");
    new Jdbc(db.dataSource()).update("MERGE INTO setting (name, content) KEY (name) VALUES ('theme', 'DARK')");
    BackupService.Run second = service.backupNow("manual");

    assertThat(first.mirrored().orElseThrow().copied()).containsExactly(first.backup().id());
    assertThat(second.mirrored().orElseThrow().copied()).containsExactly(second.backup().id());
    assertThat(second.mirrored().orElseThrow().unchanged()).containsExactly(first.backup().id());
    for (BackupInfo local : service.list()) {
      Path copy = otherDisk.resolve(local.archive().getFileName());
      assertThat(BackupFixture.sha(copy)).isEqualTo(BackupFixture.sha(local.archive()));
    }
    BackupVerifier mirrorVerifier = new BackupVerifier(new BackupCatalog(otherDisk), paths.home(), paths.temp(), List.of(new H2Checker()),
        java.time.Clock.systemUTC());
    assertThat(mirrorVerifier.verify(second.backup().id()).state()).isEqualTo(BackupState.VERIFIED);
  }

  @Test
  void aMissingMirrorFolderFailsClearlyWithoutTouchingTheBackupOrCreatingTheFolder() throws Exception {
    Path unplugged = otherDisk.resolve("usb-disk");
    BackupService.Run run = service(unplugged, DiskSpace.SYSTEM).backupNow("manual");

    assertThat(run.backup().state()).isEqualTo(BackupState.VERIFIED);
    assertThat(run.mirrorProblem()).hasValueSatisfying(m -> assertThat(m)
        .contains("mirror folder " + unplugged + " is not there").contains("unchanged"));
    assertThat(unplugged).doesNotExist();
    assertThat(BackupFixture.sha(run.backup().archive())).isEqualTo(run.backup().status().archiveSha256());
  }

  @Test
  void aFullMirrorDiskFailsClearlyAndLeavesNoHalfCopy() throws Exception {
    DiskSpace fullMirror = folder -> folder.startsWith(otherDisk) ? 1024 : DiskSpace.SYSTEM.usableBytes(folder);
    BackupService.Run run = service(otherDisk, fullMirror).backupNow("manual");

    assertThat(run.backup().state()).isEqualTo(BackupState.VERIFIED);
    assertThat(run.mirrorProblem()).hasValueSatisfying(m -> assertThat(m).contains("is full").contains("unchanged"));
    try (Stream<Path> files = Files.list(otherDisk)) {
      assertThat(files).isEmpty();
    }
    assertThat(BackupFixture.sha(run.backup().archive())).isEqualTo(run.backup().status().archiveSha256());
  }

  @Test
  void aFullLocalDiskRefusesTheBackupBeforeWritingAnything() throws Exception {
    BackupService service = service(null, folder -> 10);

    assertThatThrownBy(() -> service.backupNow("manual"))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("Not enough free disk space")
        .hasMessageContaining("nothing was changed");
    try (Stream<Path> files = Files.list(paths.backups())) {
      assertThat(files).isEmpty();
    }
  }
}
