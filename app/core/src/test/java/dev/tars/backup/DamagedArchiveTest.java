package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.config.AppPaths;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamagedArchiveTest {
  @TempDir Path home;
  private AppPaths paths;
  private Database db;
  private BackupService service;
  private BackupInfo backup;

  @BeforeEach
  void backUpSomeMessages() {
    paths = new AppPaths(home).ensureCreated();
    db = TestDatabase.open(paths);
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    long conversation = store.create("damage", "", Sampling.DEFAULTS).id();
    for (int i = 0; i < 40; i++) {
      store.addMessage(conversation, Role.USER, "message number " + i + " with some words in it", MessageStatus.COMPLETE);
    }
    service = BackupFixture.service(paths, db);
    backup = service.backupNow("manual").backup();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFlippedByteAnywhereInTheArchiveFailsVerificationAndBlocksRestore() throws Exception {
    assertThat(backup.state()).isEqualTo(BackupState.VERIFIED);
    long size = Files.size(backup.archive());
    for (long offset : new long[] {size / 4, size / 2, size - 10}) {
      flip(backup.archive(), offset);

      BackupStatus status = service.verify(backup.id());

      assertThat(status.state()).as("byte %d of %d", offset, size).isEqualTo(BackupState.FAILED);
      assertThat(status.problems()).anyMatch(p -> p.contains("changed after it was written"));
      assertThatThrownBy(() -> service.requestRestore(backup.id()))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("damaged and will not be restored");
      assertThat(PendingRestore.pending(paths)).isEmpty();
      flip(backup.archive(), offset);
    }
    assertThat(service.verify(backup.id()).state()).isEqualTo(BackupState.VERIFIED);
  }

  @Test
  void aDamagedEntryIsNamedEvenWhenTheStatusFileWithTheArchiveHashIsLost() throws Exception {
    Files.delete(paths.backups().resolve(BackupIds.statusName(backup.id())));
    flip(backup.archive(), Files.size(backup.archive()) / 3);

    BackupStatus status = service.verify(backup.id());

    assertThat(status.state()).isEqualTo(BackupState.FAILED);
    assertThat(status.problems()).anyMatch(p -> p.contains("database/tars.mv.db") || p.contains("not a readable zip"));
    assertThat(status.archiveSha256()).as("a damaged archive gets no trusted hash").isNull();
  }

  @Test
  void aTruncatedArchiveIsReportedAsDamaged() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(backup.archive().toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }

    BackupStatus status = service.verify(backup.id());

    assertThat(status.state()).isEqualTo(BackupState.FAILED);
    assertThat(service.list().get(0).state()).isEqualTo(BackupState.FAILED);
  }

  @Test
  void anUnknownIdGetsAMessageThatSaysWhereToLook() {
    assertThatThrownBy(() -> service.verify("yesterday")).hasMessageContaining("tars backup list");
    assertThatThrownBy(() -> service.verify("20200101T000000Z")).hasMessageContaining("There is no backup 20200101T000000Z");
  }

  private static void flip(Path file, long offset) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x01);
    }
  }
}
