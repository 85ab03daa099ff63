package dev.tars.schedule;

import static dev.tars.testkit.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.storage.Database;
import dev.tars.testkit.MutableClock;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyJobRunnerTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  @TempDir Path home;
  private Database database;
  private ScheduledExecutorService scheduler;
  private MutableClock clock;
  private final List<Instant> runs = new CopyOnWriteArrayList<>();
  private final List<Instant> previousRuns = new CopyOnWriteArrayList<>();
  private volatile String failWith;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(home);
    scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.named("test-scheduler"));
    clock = new MutableClock(at(2026, 3, 10, 1, 0), MADRID);
  }

  @AfterEach
  void close() throws Exception {
    scheduler.shutdownNow();
    scheduler.awaitTermination(2, TimeUnit.SECONDS);
    database.close();
  }

  private static Instant at(int y, int m, int d, int h, int min) {
    return ZonedDateTime.of(y, m, d, h, min, 0, 0, MADRID).toInstant();
  }

  private DailyJobRunner runner() {
    return new DailyJobRunner("nightly", DailySchedule.TWO_AM, clock, Runnable::run,
        database.dataSource(), previous -> {
          previousRuns.add(previous == null ? Instant.EPOCH : previous);
          runs.add(clock.instant());
          if (failWith != null) {
            throw new IllegalStateException(failWith);
          }
          return "did " + runs.size();
        });
  }

  @Test
  void firstStartOnlyRecordsABaselineAndTheJobRunsAtTheNextDueTime() {
    DailyJobRunner runner = runner();
    assertThat(runner.check()).isNull();
    assertThat(runner.lastRun().orElseThrow().outcome()).isEqualTo(JobRun.Outcome.NEVER_RUN);
    assertThat(runner.nextRun()).isEqualTo(at(2026, 3, 10, 2, 0));

    clock.set(at(2026, 3, 10, 1, 59));
    assertThat(runner.check()).isNull();
    clock.set(at(2026, 3, 10, 2, 0));
    JobRun run = runner.check().join();

    assertThat(runs).containsExactly(at(2026, 3, 10, 2, 0));
    assertThat(run.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
    assertThat(run.result()).isEqualTo("did 1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(runner.check()).isNull();
    assertThat(runs).hasSize(1);
  }

  @Test
  void runsOnceAfterTheMachineWasOffForDaysAndNotOncePerMissedNight() {
    runner().check();
    clock.set(at(2026, 3, 10, 2, 5));
    runner().check().join();

    clock.set(at(2026, 3, 14, 9, 30));
    DailyJobRunner afterRestart = runner();
    JobRun caughtUp = afterRestart.check().join();

    assertThat(runs).hasSize(2);
    assertThat(caughtUp.scheduledFor()).isEqualTo(at(2026, 3, 14, 2, 0));
    assertThat(previousRuns.get(1)).isEqualTo(at(2026, 3, 10, 2, 5));
    assertThat(afterRestart.check()).isNull();
    assertThat(afterRestart.nextRun()).isEqualTo(at(2026, 3, 15, 2, 0));
  }

  @Test
  void aRunMissedDuringSleepIsCaughtUpByThePeriodicCheck() throws Exception {
    DailyJobRunner runner = new DailyJobRunner("nightly", DailySchedule.TWO_AM, clock,
        Runnable::run, database.dataSource(), previous -> {
          runs.add(clock.instant());
          return "ok";
        });
    runner.start(scheduler);
    waitUntil(() -> runner.lastRun().isPresent());
    // The machine sleeps through 02:00 and wakes at 07:00: the wall clock has jumped.
    clock.set(at(2026, 3, 10, 7, 0));
    runner.check();
    assertThat(runs).containsExactly(at(2026, 3, 10, 7, 0));
    runner.close();
  }

  @Test
  void failuresAreRecordedWithTheirMessageAndRunNowWorksAnyTime() {
    DailyJobRunner runner = runner();
    runner.check();
    failWith = "No model is loaded. Choose one in Settings.";
    clock.set(at(2026, 3, 10, 3, 0));
    JobRun failed = runner.check().join();
    assertThat(failed.outcome()).isEqualTo(JobRun.Outcome.FAILED);
    assertThat(runner.lastRun().orElseThrow().result()).isEqualTo("No model is loaded. Choose one in Settings.");

    failWith = null;
    clock.set(at(2026, 3, 10, 15, 0));
    JobRun byHand = runner.runNow().join();
    assertThat(byHand.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
    assertThat(byHand.lastRunAt()).isEqualTo(at(2026, 3, 10, 15, 0));
    assertThat(runner.check()).as("a run by hand does not move tonight's run").isNull();
    clock.set(at(2026, 3, 11, 2, 0));
    assertThat(runner.check()).isNotNull();
  }

  @Test
  void dueTimesFollowLocalTimeAcrossDaylightSavingChanges() {
    // Spain moves clocks forward on 29 March 2026 at 02:00 -> 03:00.
    DailySchedule schedule = DailySchedule.TWO_AM;
    Instant due = schedule.latestAtOrBefore(at(2026, 3, 29, 12, 0), MADRID);
    assertThat(due.atZone(MADRID).getDayOfMonth()).isEqualTo(29);
    assertThat(schedule.nextAfter(at(2026, 3, 29, 12, 0), MADRID)).isEqualTo(at(2026, 3, 30, 2, 0));
  }

}
