package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.config.AppPaths;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives written by someone else: names that leave the data home, and restores that fail half-way. */
class CraftedArchiveTest {
  @TempDir Path home;
  @TempDir Path outside;
  private AppPaths paths;
  private Database db;
  private BackupService service;
  private BackupInfo backup;

  @BeforeEach
  void backUpADatabaseAndAnIndex() throws Exception {
    paths = new AppPaths(home).ensureCreated();
    db = Database.open(paths.database());
    addMessages(db, "before the backup", 5);
    Path index = Files.createDirectories(home.resolve("knowledge/index"));
    Files.writeString(index.resolve("segments_1"), "index as it was backed up");
    service = new BackupService(paths, List.of(new H2BackupSource(db.dataSource(), "db"),
        BackupServices.knowledgeIndexOfStoppedApp(paths)), Map::of, List.of(new H2Checker()),
        () -> BackupConfig.DEFAULT, Clock.systemUTC(), "test", DiskSpace.SYSTEM);
    backup = service.backupNow("manual").backup();
    assertThat(backup.state()).isEqualTo(BackupState.VERIFIED);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../knowledge-index", "..", "/knowledge-index", "knowledge/index"})
  void verifyRejectsASourceNameThatIsNotOnePlainName(String name) throws Exception {
    craft(source -> new Manifest.Source(name, source.kind(), source.restorePath()));

    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../elsewhere", "/tmp/elsewhere", "knowledge/../db", "./knowledge/index",
      "knowledge//index", "C:/Users/x", "backups", "restore-staging/x", ""})
  void verifyRejectsARestorePathThatIsAbsoluteHasDotDotOrIsTarsOwn(String restorePath) throws Exception {
    craft(source -> new Manifest.Source(source.name(), source.kind(), restorePath));

    assertRefused(restorePath);
  }

  @Test
  void verifyRejectsARestorePathLeadingOutOfTheDataHomeThroughALink() throws Exception {
    Files.createSymbolicLink(home.resolve("shared"), outside);
    craft(source -> new Manifest.Source(source.name(), source.kind(), "shared/index"));

    assertRefused("through a link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void restoreRefusesACraftedArchiveEvenWhenTheRequestWasWrittenByHand() throws Exception {
    String sha = craft(source -> new Manifest.Source(source.name(), source.kind(), "../elsewhere"));
    PendingRestore.request(paths, new PendingRestore.Request(backup.id(), backup.archive().toString(), sha, "now"));
    db.close();
    db = null;

    PendingRestore.Outcome outcome = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow();

    assertThat(outcome.restored()).isFalse();
    assertThat(outcome.dataUnchanged()).isTrue();
    assertThat(String.join(" ", outcome.problems())).contains("../elsewhere", "will not be restored");
    assertThat(PendingRestore.pending(paths)).isEmpty();
    assertThat(home.resolve(PendingRestore.MARKER)).doesNotExist();
    assertThat(home.getParent().resolve("elsewhere")).doesNotExist();
    assertThat(home.resolve("restore-staging")).doesNotExist();
  }

  @Test
  void restoreFailingHalfWayPutsEveryFolderBackClearsTheRequestAndSaysSo() throws Exception {
    addMessages(db, "after the backup", 3);
    service.requestRestore(backup.id());
    db.close();
    db = null;
    // The index's parent folder is replaced by a file: the database is swapped first, then the index cannot be.
    deleteTree(home.resolve("knowledge"));
    Files.writeString(home.resolve("knowledge"), "a file in the way");

    PendingRestore.Outcome outcome = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow();

    assertThat(outcome.restored()).isFalse();
    assertThat(outcome.dataUnchanged()).isTrue();
    assertThat(String.join(" ", outcome.problems()))
        .contains("failed while replacing knowledge-index", "put back as it was", "nothing was restored");
    assertThat(PendingRestore.pending(paths)).isEmpty();
    assertThat(home.resolve(PendingRestore.MARKER)).doesNotExist();
    assertThat(home.resolve("restore-staging")).doesNotExist();
    assertThat(home.resolve("restore-replaced")).doesNotExist();
    assertThat(Files.readString(home.resolve("knowledge"))).isEqualTo("a file in the way");
    try (Database reopened = Database.open(paths.database())) {
      assertThat(messages(reopened)).as("the database is the one from before the restore, not the backup's")
          .contains("after the backup 0", "after the backup 2").hasSize(8);
    }
    assertThat(PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test")).as("not retried").isEmpty();
  }

  @Test
  void restoreAfterACrashMidSwapFirstPutsBackWhatThatRunSetAside() throws Exception {
    addMessages(db, "after the backup", 3);
    service.requestRestore(backup.id());
    db.close();
    db = null;
    // A run killed between its two moves: the live index is set aside and the new one not yet in place.
    Path setAside = Files.createDirectories(home.resolve("restore-replaced"));
    Files.move(home.resolve("knowledge/index"), setAside.resolve("knowledge-index"));
    Files.writeString(home.resolve("knowledge/index-half-moved"), "debris");

    PendingRestore.Outcome outcome = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow();

    assertThat(outcome.restored()).as(outcome.problems().toString()).isTrue();
    assertThat(home.resolve("restore-replaced")).doesNotExist();
    assertThat(Files.readString(home.resolve("knowledge/index/segments_1"))).isEqualTo("index as it was backed up");
    try (ArchiveReader safety = ArchiveReader.open(service.list().stream()
        .filter(b -> b.id().equals(outcome.safetyBackupId())).findFirst().orElseThrow().archive())) {
      assertThat(safety.manifest().entries()).extracting(Manifest.Entry::path)
          .as("the safety backup holds the index that had been set aside").contains("knowledge-index/segments_1");
    }
  }

  private void assertRefused(String detail) {
    BackupStatus status = service.verify(backup.id());

    assertThat(status.state()).isEqualTo(BackupState.FAILED);
    assertThat(String.join(" ", status.problems())).contains(detail, "will not be restored");
    assertThatThrownBy(() -> service.requestRestore(backup.id())).isInstanceOf(BackupException.class);
    assertThat(PendingRestore.pending(paths)).isEmpty();
  }

  /**
   * Rewrites the archive with the knowledge index's source changed by {@code edit}, and records the new file's
   * hash as if it had been written so: only the manifest's names can make it fail.
   */
  private String craft(UnaryOperator<Manifest.Source> edit) throws Exception {
    Path archive = backup.archive();
    Path crafted = archive.resolveSibling("crafted.tmp");
    try (ZipFile in = new ZipFile(archive.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(crafted))) {
      for (ZipEntry entry : Collections.list(in.entries())) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(ArchiveReader.MANIFEST)) {
          Manifest m;
          try (InputStream manifest = in.getInputStream(entry)) {
            m = BackupCatalog.JSON.readValue(manifest, Manifest.class);
          }
          List<Manifest.Source> sources = m.sources().stream()
              .map(s -> s.name().equals("knowledge-index") ? edit.apply(s) : s).toList();
          out.write(BackupCatalog.JSON.writeValueAsBytes(new Manifest(m.formatVersion(), m.id(), m.createdAt(),
              m.appVersion(), m.trigger(), sources, m.entries())));
        } else {
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
    Files.move(crafted, archive, StandardCopyOption.REPLACE_EXISTING);
    String sha = SafeFiles.sha256(archive);
    new BackupCatalog(paths.backups()).writeStatus(backup.id(), BackupStatus.written(sha, "manual", 0));
    return sha;
  }

  private static void addMessages(Database db, String text, int count) {
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    long conversation = store.create(text, "", Sampling.DEFAULTS).id();
    for (int i = 0; i < count; i++) {
      store.addMessage(conversation, Role.USER, text + " " + i, MessageStatus.COMPLETE);
    }
  }

  private static List<String> messages(Database db) {
    return new Jdbc(db.dataSource()).query("SELECT content FROM message ORDER BY id", r -> r.getString(1));
  }

  private static void deleteTree(Path root) throws Exception {
    SafeFiles.deleteTree(root);
  }
}
