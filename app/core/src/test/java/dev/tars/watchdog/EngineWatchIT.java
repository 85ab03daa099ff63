package dev.tars.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.H2Checker;
import dev.tars.config.AppPaths;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Sampling;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.local.LocalEngine;
import dev.tars.storage.Database;
import dev.tars.testkit.GgufWriter;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog watching the real engine supervisor and its llama.cpp child process. */
class EngineWatchIT {
  @TempDir Path home;
  private Database db;
  private Metrics metrics;
  private BackupService backups;
  private final List<Problem> published = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    AppPaths paths = new AppPaths(home).ensureCreated();
    db = TestDatabase.open(paths);
    metrics = new Metrics(db.dataSource(), Clock.systemUTC());
    backups = BackupServices.standard(paths, db, List.of(), List.of(new H2Checker()), () -> BackupConfig.DEFAULT,
        Clock.systemUTC(), "test");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private LocalEngine newEngine() {
    return new LocalEngine(LocalEngine.Options.defaults(home.resolve("engine-tmp")).withMaxContextLength(2048)
        .withThreads(2).withHealthInterval(Duration.ofSeconds(1)));
  }

  private Watchdog watch(LocalEngine engine) {
    Watchdog watchdog = new Watchdog(WatchdogConfig.DEFAULT, backups, List.of(), metrics, new LocalEngineProcess(engine),
        Clock.systemUTC());
    watchdog.addListener(published::add);
    return watchdog;
  }

  @Test
  void aKilledEngineIsSeenRestartedCountedAndAnswersAgain() throws Exception {
    try (LocalEngine engine = newEngine(); Watchdog watchdog = watch(engine)) {
      engine.load(TestModels.tiny());
      assertThat(engine.awaitReady(Duration.ofSeconds(60))).isTrue();
      assertThat(watchdog.checkNow().get(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(metrics.series(Metrics.ENGINE_MEMORY_BYTES, Instant.EPOCH, 5))
          .singleElement().satisfies(s -> assertThat(s.value()).isGreaterThan(10_000_000));
      long pid = engine.processId().orElseThrow();

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((engine.status().state() != EngineStatus.State.READY || engine.processId().orElse(pid) == pid)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(engine.processId().orElseThrow()).isNotEqualTo(pid);
      assertThat(watchdog.checkNow().get(30, TimeUnit.SECONDS)).isEmpty();

      assertThat(published).anySatisfy(p -> {
        assertThat(p.check()).isEqualTo("engine-restart");
        assertThat(p.message()).contains("restarted (1 restarts");
      });
      assertThat(metrics.series(Metrics.ENGINE_RESTARTS, Instant.EPOCH, 5)).hasSize(1);
      Completion next = engine.generate(new ChatRequest(List.of(ChatMessage.user("still there?")),
          new Sampling(0.7, 0.95, 4)), text -> {}).result().get(60, TimeUnit.SECONDS);
      assertThat(next.finishReason()).isEqualTo(FinishReason.LENGTH);
    }
  }

  @Test
  void anEngineThatGaveUpIsACriticalProblem() throws Exception {
    Path noTensors = home.resolve("no-tensors.gguf");
    new GgufWriter().putString("general.architecture", "llama").putUint32("llama.context_length", 512).write(noTensors);
    try (LocalEngine engine = newEngine(); Watchdog watchdog = watch(engine)) {
      engine.load(noTensors);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (engine.status().state() != EngineStatus.State.FAILED && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      List<Problem> open = watchdog.checkNow().get(30, TimeUnit.SECONDS);

      assertThat(open).singleElement().satisfies(p -> {
        assertThat(p.check()).isEqualTo("engine");
        assertThat(p.severity()).isEqualTo(Health.Severity.CRITICAL);
        assertThat(p.message()).contains("will not restart by itself").contains("no-tensors.gguf");
      });
    }
  }
}
