package dev.tars.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupException;
import dev.tars.backup.BackupService;
import dev.tars.backup.H2BackupSource;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.config.AppPaths;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import dev.tars.testkit.MutableClock;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {
  @TempDir Path home;
  private AppPaths paths;
  private Database db;
  private Metrics metrics;
  private final List<Problem> published = new CopyOnWriteArrayList<>();
  private Process engineProcess;

  @BeforeEach
  void open() {
    paths = new AppPaths(home).ensureCreated();
    db = TestDatabase.open(paths);
    metrics = new Metrics(db.dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (engineProcess != null) {
      engineProcess.destroyForcibly();
    }
    db.close();
  }

  private BackupService backups(DiskSpace disk) {
    return new BackupService(paths, List.of(new H2BackupSource(db.dataSource(), "db")), Map::of, List.of(),
        () -> BackupConfig.DEFAULT, Clock.systemUTC(), "test", disk);
  }

  private Watchdog watchdog(WatchdogConfig config, BackupService backups, EngineProcess engine, List<HealthCheck> checks) {
    Watchdog watchdog = new Watchdog(config, backups, checks, metrics, engine, Clock.systemUTC());
    watchdog.addListener(published::add);
    return watchdog;
  }

  private static WatchdogConfig config(Duration backupEvery, Duration maxReportGap) {
    return new WatchdogConfig(Duration.ofHours(1), backupEvery, Duration.ofSeconds(20), maxReportGap, 1024,
        Duration.ofDays(30));
  }

  private static Process startFakeEngine() throws Exception {
    return new ProcessBuilder("sleep", "60").start();
  }

  @Test
  void aKilledEngineIsReportedWithBackOffAndAsResolvedOnceItRunsAgain() throws Exception {
    AtomicReference<Process> process = new AtomicReference<>(startFakeEngine());
    engineProcess = process.get();
    AtomicInteger restarts = new AtomicInteger();
    EngineProcess engine = new EngineProcess() {
      @Override
      public boolean shouldBeRunning() {
        return true;
      }

      @Override
      public Optional<ProcessHandle> process() {
        return Optional.of(process.get().toHandle());
      }

      @Override
      public int restartCount() {
        return restarts.get();
      }
    };
    // A report gap of at most four rounds.
    Watchdog watchdog = watchdog(config(Duration.ofHours(1), Duration.ofHours(4)), backups(DiskSpace.SYSTEM), engine, List.of());
    try {
      assertThat(watchdog.checkNow().get(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(metrics.series(Metrics.ENGINE_MEMORY_BYTES, Instant.EPOCH, 10)).hasSize(1);

      process.get().destroyForcibly().waitFor();
      for (int round = 2; round <= 10; round++) {
        watchdog.checkNow().get(10, TimeUnit.SECONDS);
      }
      List<Problem> engineReports = published.stream().filter(p -> p.check().equals("engine")).toList();
      // failing rounds 2..10 are reported at 2, 3, 5 and 9: 1, 2, then 4 rounds apart
      assertThat(engineReports).hasSize(4).allSatisfy(p -> {
        assertThat(p.severity()).isEqualTo(Health.Severity.CRITICAL);
        assertThat(p.message()).contains("engine is not running");
      });

      process.set(startFakeEngine());
      engineProcess = process.get();
      restarts.incrementAndGet();
      assertThat(watchdog.checkNow().get(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(published).anySatisfy(p -> {
        assertThat(p.check()).isEqualTo("engine");
        assertThat(p.resolved()).isTrue();
      });
      assertThat(published).anySatisfy(p -> assertThat(p.check()).isEqualTo("engine-restart"));
      assertThat(metrics.series(Metrics.ENGINE_RESTARTS, Instant.EPOCH, 10)).hasSize(1);
    } finally {
      watchdog.close();
    }
  }

  @Test
  void backsUpOnScheduleOnlyWhenDataChangedAndOnceMoreAtExit() throws Exception {
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    long conversation = store.create("scheduled", "", Sampling.DEFAULTS).id();
    store.addMessage(conversation, Role.USER, "first", MessageStatus.COMPLETE);
    BackupService backups = backups(DiskSpace.SYSTEM);
    Watchdog watchdog = watchdog(config(Duration.ofMillis(300), Duration.ofHours(1)), backups, null, List.of());
    watchdog.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (backups.list().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(backups.list()).hasSize(1);
    Thread.sleep(1500); // several more backup checks with nothing changed
    assertThat(backups.list()).as("no backup when nothing changed").hasSize(1);

    // Within one second of the first: ids must differ anyway.
    store.addMessage(conversation, Role.USER, "second", MessageStatus.COMPLETE);
    watchdog.close();

    // The change is backed up by the exit, or by a scheduled check that ran between the write and close (300 ms
    // apart here); such a check may be followed by the exit's own backup. Either way the newest holds the change.
    assertThat(backups.list()).hasSizeBetween(2, 3);
    assertThat(backups.list().get(0).status().trigger()).isIn("exit", "scheduled");
    assertThat(String.valueOf(backups.list().get(0).status().facts().get("database.rows.MESSAGE"))).isEqualTo("2");
    assertThat(published).isEmpty();
  }

  @Test
  void aNewIntervalFromSettingsTakesEffectWithoutARestart() throws Exception {
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    store.addMessage(store.create("interval", "", Sampling.DEFAULTS).id(), Role.USER, "hi", MessageStatus.COMPLETE);
    BackupService backups = backups(DiskSpace.SYSTEM);
    Watchdog watchdog = watchdog(config(Duration.ofHours(1), Duration.ofHours(1)), backups, null, List.of());
    watchdog.start();
    Thread.sleep(500);
    assertThat(backups.list()).as("the hourly check has not come yet").isEmpty();

    watchdog.setBackupInterval(Duration.ofMillis(200));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // The archive is listed as soon as it is written; its trigger once it is checked.
    while ((backups.list().isEmpty() || backups.list().get(0).state() == dev.tars.backup.BackupState.UNVERIFIED)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(backups.list()).singleElement().satisfies(b -> assertThat(b.status().trigger()).isEqualTo("scheduled"));
    watchdog.close();
  }

  @Test
  void anArchiveWrittenWithoutACheckIsCheckedWhenTheWatchdogStarts() throws Exception {
    BackupService backups = backups(DiskSpace.SYSTEM);
    var made = backups.backupNow("manual").backup();
    // As the safety backup of a restore is left: written before anything opened, not yet checked.
    backups.catalog().writeStatus(made.id(), dev.tars.backup.BackupStatus.written(made.status().archiveSha256(),
        "before-restore", 10));
    assertThat(backups.list().get(0).state()).isEqualTo(dev.tars.backup.BackupState.UNVERIFIED);
    Watchdog watchdog = watchdog(config(Duration.ofHours(1), Duration.ofHours(1)), backups, null, List.of());

    watchdog.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (backups.list().get(0).state() == dev.tars.backup.BackupState.UNVERIFIED && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(backups.list().get(0).state()).isEqualTo(dev.tars.backup.BackupState.VERIFIED);
    watchdog.close();
  }

  @Test
  void aBackupThatCannotBeWrittenIsPublishedAsACriticalProblem() {
    Watchdog watchdog = watchdog(config(Duration.ofHours(1), Duration.ofHours(1)), backups(folder -> 0), null, List.of());
    try {
      assertThatThrownBy(() -> watchdog.backupNow("manual").get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(BackupException.class);
      assertThat(published).singleElement().satisfies(p -> {
        assertThat(p.check()).isEqualTo("backup");
        assertThat(p.severity()).isEqualTo(Health.Severity.CRITICAL);
        assertThat(p.message()).contains("Not enough free disk space");
      });
    } finally {
      watchdog.close();
    }
  }

  @Test
  void theBackupAtExitIsTakenEvenWhenTheWatchdogIsBusyWhenTheAppCloses() throws Exception {
    HealthCheck slow = new HealthCheck() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public Health check() {
        try {
          Thread.sleep(700);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Health.ok();
      }
    };
    ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
    store.addMessage(store.create("last words", "", Sampling.DEFAULTS).id(), Role.USER, "keep me", MessageStatus.COMPLETE);
    BackupService backups = backups(DiskSpace.SYSTEM);
    Watchdog watchdog = watchdog(config(Duration.ofHours(1), Duration.ofHours(1)), backups, null, List.of(slow));
    watchdog.start();
    Thread.sleep(200); // the first health round is running

    watchdog.close();

    assertThat(backups.list()).singleElement().satisfies(b -> assertThat(b.status().trigger()).isEqualTo("exit"));
  }

  @Test
  void closeWaitsNoLongerThanConfiguredForAStuckCheck() throws Exception {
    HealthCheck stuck = new HealthCheck() {
      @Override
      public String name() {
        return "stuck";
      }

      @Override
      public Health check() {
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Health.ok();
      }
    };
    WatchdogConfig quickClose = new WatchdogConfig(Duration.ofHours(1), Duration.ofHours(1), Duration.ofMillis(300),
        Duration.ofHours(1), 1024, Duration.ofDays(30));
    Watchdog watchdog = watchdog(quickClose, backups(DiskSpace.SYSTEM), null, List.of(stuck));
    watchdog.start();
    Thread.sleep(200);

    long started = System.nanoTime();
    watchdog.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void backupAgeWarnsOnlyAfterTheAppRanTooLongWithoutAGoodBackup() {
    MutableClock clock = new MutableClock(Instant.now());
    BackupService backups = backups(DiskSpace.SYSTEM);
    HealthCheck age = Checks.backupAge(backups, Duration.ofHours(3), clock);

    assertThat(age.check().isOk()).as("a first start is not a problem").isTrue();
    clock.advance(Duration.ofHours(4));
    assertThat(age.check().message()).contains("There is no good backup yet");

    backups.backupNow("manual");
    assertThat(age.check().isOk()).isTrue();
  }

  @Test
  void standardChecksReportAFullDiskAndAnUnreachableDatabase() {
    assertThat(Checks.diskSpace(home, 1L << 30, folder -> 1L << 20).check().severity()).isEqualTo(Health.Severity.CRITICAL);
    assertThat(Checks.diskSpace(home, 1L << 30, folder -> 600L << 20).check().severity()).isEqualTo(Health.Severity.WARNING);
    assertThat(Checks.diskSpace(home, 1L << 30, folder -> 2L << 30).check().isOk()).isTrue();
    assertThat(Checks.database(db.dataSource()).check().isOk()).isTrue();
    HealthCheck closedDb = Checks.database(db.dataSource());
    db.close();
    Health health = closedDb.check();
    assertThat(health.severity()).isEqualTo(Health.Severity.CRITICAL);
    assertThat(health.message()).contains("Restart Tars");
    db = TestDatabase.open(paths);
  }
}
