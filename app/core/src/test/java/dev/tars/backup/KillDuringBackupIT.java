package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.ConversationStore;
import dev.tars.config.AppPaths;
import dev.tars.engine.Sampling;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} while an archive is being written: no half archive is ever listed or counted as valid. */
class KillDuringBackupIT {
  @TempDir Path home;

  @Test
  void killDuringABackupLeavesOnlyCompleteVerifiableArchives() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        BackerUpMain.class.getName(), home.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int finished = 0;
    boolean killedMidWrite = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("done ")) {
          finished++;
        } else if (line.equals("start") && finished >= 2) {
          Thread.sleep(120);
          killedMidWrite = partials(home.resolve("backups")) > 0;
          child.destroyForcibly(); // SIGKILL
          break;
        }
      }
    }
    child.waitFor();

    BackupCatalog catalog = new BackupCatalog(home.resolve("backups"));
    List<BackupInfo> listed = catalog.list();
    assertThat(killedMidWrite).as("the kill landed while an archive was being written").isTrue();
    assertThat(listed.size()).isBetween(finished, finished + 1);
    BackupVerifier verifier = new BackupVerifier(catalog, home, home.resolve("tmp"), List.of(new H2Checker()), Clock.systemUTC());
    for (BackupInfo backup : listed) {
      assertThat(verifier.verify(backup.id()).state()).isEqualTo(BackupState.VERIFIED);
    }
    assertThat(catalog.removeLeftovers()).isPositive();
    assertThat(partials(home.resolve("backups"))).isZero();
  }

  private static long partials(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(BackupIds.PARTIAL_SUFFIX)).count();
    }
  }

  /** Fills a database, then backs it up again and again, printing when each backup starts and ends. */
  public static final class BackerUpMain {
    public static void main(String[] args) throws Exception {
      AppPaths paths = new AppPaths(Path.of(args[0])).ensureCreated();
      Database db = TestDatabase.open(paths);
      ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
      long conversation = store.create("kill", "", Sampling.DEFAULTS).id();
      String text = "a message that makes the database big enough for a backup to take a while ".repeat(40);
      // One transaction: filling is not what this test is about, and one commit per row takes a minute.
      new dev.tars.storage.Jdbc(db.dataSource()).inTransaction(c -> {
        try (var insert = c.prepareStatement("INSERT INTO message (conversation_id, role, content, status, created_at)"
            + " VALUES (?, 'USER', ?, 'COMPLETE', CURRENT_TIMESTAMP)")) {
          for (int i = 0; i < 4000; i++) {
            insert.setLong(1, conversation);
            insert.setString(2, i + " " + text);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        return null;
      });
      BackupService service = new BackupService(paths, List.of(new H2BackupSource(db.dataSource(), "db")),
          java.util.Map::of, List.of(), () -> new BackupConfig(java.time.Duration.ofHours(1),
              new RetentionPolicy(100, 0, 0, 0), null), Clock.systemUTC(), "test", DiskSpace.SYSTEM);
      for (int i = 0; ; i++) {
        System.out.println("start");
        System.out.flush();
        System.out.println("done " + service.backupNow("test").backup().id());
        System.out.flush();
        Thread.sleep(1000);
      }
    }
  }
}
