package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken while four writers add messages restores to a consistent state; a quiet one to identical data. */
class BackupRestoreIT {
  @TempDir Path home;

  @Test
  void backupWhileWritingRestoresConsistentDataAndAQuietBackupRestoresIdenticalData() throws Exception {
    AppPaths paths = new AppPaths(home).ensureCreated();
    Files.writeString(paths.models().resolve("tiny.gguf"), "not really a model");
    Database db = TestDatabase.open(paths);
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    Jdbc jdbc = new Jdbc(db.dataSource());
    jdbc.update("CREATE TABLE pair_check (id BIGINT AUTO_INCREMENT PRIMARY KEY, pair INT, half INT)");
    jdbc.update("MERGE INTO setting (name, content) KEY (name) VALUES ('remoteApiKey', 'sk-secret')");
    BackupService service = BackupFixture.service(paths, db);

    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(5, NamedThreads.named("test-writer"));
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      long conversation = store.create("writer " + w, "", Sampling.DEFAULTS).id();
      running.add(writers.submit(() -> {
        for (int i = 0; !stop.get(); i++) {
          store.addMessage(conversation, i % 2 == 0 ? Role.USER : Role.ASSISTANT, "message " + i + " " + "x".repeat(i % 300),
              MessageStatus.COMPLETE);
        }
        return null;
      }));
    }
    // Two rows in one transaction: a consistent backup holds both halves or neither.
    running.add(writers.submit(() -> {
      for (int pair = 0; !stop.get(); pair++) {
        int p = pair;
        jdbc.inTransaction(c -> {
          for (int half = 0; half < 2; half++) {
            try (var s = Jdbc.prepare(c, "INSERT INTO pair_check (pair, half) VALUES (?, ?)", p, half)) {
              s.executeUpdate();
            }
          }
          return null;
        });
      }
      return null;
    }));
    Thread.sleep(400);
    BackupService.Run during = service.backupNow("manual");
    Thread.sleep(200);
    stop.set(true);
    for (Future<?> f : running) {
      f.get(10, TimeUnit.SECONDS);
    }
    writers.shutdown();
    Map<Long, String> live = messages(db);
    BackupService.Run quiet = service.backupNow("manual");
    db.close();

    assertThat(during.backup().state()).isEqualTo(BackupState.VERIFIED);
    assertThat(quiet.backup().state()).isEqualTo(BackupState.VERIFIED);
    assertThat(during.deleted()).isEmpty();
    assertThat(quiet.backup().status().facts()).containsEntry("database.rows.MESSAGE", (long) live.size());
    try (ArchiveReader reader = ArchiveReader.open(quiet.backup().archive())) {
      String settings = new String(reader.readSmallEntry(BackupExtras.SETTINGS), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(settings).doesNotContain("sk-secret").contains("remoteApiKey");
      assertThat(new String(reader.readSmallEntry(BackupExtras.MODELS), java.nio.charset.StandardCharsets.UTF_8)).contains("tiny.gguf");
    }

    // Restore the backup taken while writing: a prefix of each writer's messages, identical text, whole pairs.
    RestorePlan plan = service.requestRestore(during.backup().id());
    assertThat(plan.replacements()).extracting(RestorePlan.Replacement::source).containsExactly("database");
    assertThat(plan.replacements().get(0).folder()).isEqualTo(paths.database().getParent());
    PendingRestore.Outcome first = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow();
    assertThat(first.restored()).as(first.problems().toString()).isTrue();
    try (Database restored = TestDatabase.open(paths)) {
      Map<Long, String> rows = messages(restored);
      assertThat(rows).isNotEmpty().hasSizeLessThan(live.size());
      rows.forEach((id, content) -> assertThat(content).isEqualTo(live.get(id)));
      ConversationStore restoredStore = new ConversationStore(restored.dataSource(), Clock.systemUTC());
      for (var conversation : restoredStore.list("writer")) {
        List<String> texts = restoredStore.messages(conversation.id()).stream().map(m -> m.content()).toList();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(texts.get(i)).startsWith("message " + i + " ");
        }
      }
      List<Long> halves = new Jdbc(restored.dataSource()).query(
          "SELECT COUNT(*) FROM pair_check GROUP BY pair HAVING COUNT(*) <> 2", r -> r.getLong(1));
      assertThat(halves).isEmpty();
    }
    assertThat(service.list()).anySatisfy(b -> {
      assertThat(b.id()).isEqualTo(first.safetyBackupId());
      assertThat(b.status().trigger()).isEqualTo("before-restore");
    });
    assertThat(service.verify(first.safetyBackupId()).state()).isEqualTo(BackupState.VERIFIED);

    // Restore the quiet backup: exactly the data that was there.
    service.requestRestore(quiet.backup().id());
    assertThat(PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow().restored()).isTrue();
    try (Database restored = TestDatabase.open(paths)) {
      assertThat(messages(restored)).isEqualTo(live);
      assertThat(new Jdbc(restored.dataSource()).queryOne("SELECT content FROM setting WHERE name = 'remoteApiKey'",
          r -> r.getString(1))).contains("sk-secret");
    }
    assertThat(PendingRestore.pending(paths)).isEmpty();
    assertThat(home.resolve("restore-staging")).doesNotExist();
  }

  private static Map<Long, String> messages(Database db) {
    Map<Long, String> rows = new TreeMap<>();
    new Jdbc(db.dataSource()).query("SELECT id, content FROM message", r -> rows.put(r.getLong(1), r.getString(2)));
    return rows;
  }
}
