package dev.tars.schedule;

import dev.tars.storage.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job once a day on the app's single scheduler, catching up after sleep or shutdown. Rather than
 * sleeping until the due time (a sleeping machine's timers drift or fire late), it checks the wall clock every
 * {@link #CHECK_EVERY}: if the latest due time is later than the one last covered, the job runs once, however
 * many days were missed. The first check after install only records a baseline, so the first run is the next
 * due time. The last run and its result are stored and survive restarts.
 */
public final class DailyJobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DailyJobRunner.class);
  static final Duration CHECK_EVERY = Duration.ofMinutes(1);

  private final String name;
  private final DailySchedule schedule;
  private final Clock clock;
  private final Executor worker;
  private final ScheduledJob job;
  private final Jdbc jdbc;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Consumer<JobRun>> listeners = new CopyOnWriteArrayList<>();
  private volatile ScheduledFuture<?> checks;

  /**
   * @param worker where the job itself runs (it may take minutes)
   */
  public DailyJobRunner(String name, DailySchedule schedule, Clock clock, Executor worker, DataSource dataSource,
      ScheduledJob job) {
    this.name = name;
    this.schedule = schedule;
    this.clock = clock;
    this.worker = worker;
    this.job = job;
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Checks now (catching up a run missed while the app was closed) and then every minute.
   *
   * @param scheduler the app's one scheduler; only the cheap clock check runs on it
   */
  public void start(ScheduledExecutorService scheduler) {
    checks = scheduler.scheduleWithFixedDelay(this::checkSafely, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      // A failed check must not cancel the periodic task.
      LOG.error("Checking whether job {} is due failed", name, e);
    }
  }

  /**
   * Starts the job on the worker if a due time passed since the last covered one.
   *
   * @return the run, or null when nothing was due (or a run is already going)
   */
  public CompletableFuture<JobRun> check() {
    Instant due = schedule.latestAtOrBefore(clock.instant(), clock.getZone());
    Optional<JobRun> last = lastRun();
    if (last.isEmpty()) {
      save(new JobRun(due, null, JobRun.Outcome.NEVER_RUN, "Not run yet."));
      LOG.info("Job {} first seen; it will run at {}", name, schedule.nextAfter(clock.instant(), clock.getZone()));
      return null;
    }
    if (!last.get().scheduledFor().isBefore(due)) {
      return null;
    }
    LOG.info("Job {} due at {} (last covered {}): running", name, due, last.get().scheduledFor());
    return launch(due);
  }

  /** Runs the job by hand now; the schedule is unchanged. Null when a run is already going. */
  public CompletableFuture<JobRun> runNow() {
    Instant covered = lastRun().map(JobRun::scheduledFor)
        .orElseGet(() -> schedule.latestAtOrBefore(clock.instant(), clock.getZone()));
    return launch(covered);
  }

  private CompletableFuture<JobRun> launch(Instant covers) {
    if (!running.compareAndSet(false, true)) {
      return null;
    }
    Instant previous = lastRun().filter(r -> r.outcome() == JobRun.Outcome.SUCCEEDED).map(JobRun::lastRunAt)
        .orElse(null);
    return CompletableFuture.supplyAsync(() -> {
      Instant started = clock.instant();
      JobRun outcome;
      try {
        outcome = new JobRun(covers, started, JobRun.Outcome.SUCCEEDED, job.run(previous));
      } catch (Exception e) {
        LOG.warn("Job {} failed", name, e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        outcome = new JobRun(covers, started, JobRun.Outcome.FAILED, message);
      } finally {
        running.set(false);
      }
      save(outcome);
      for (Consumer<JobRun> listener : listeners) {
        listener.accept(outcome);
      }
      return outcome;
    }, worker);
  }

  public boolean isRunning() {
    return running.get();
  }

  public Optional<JobRun> lastRun() {
    return jdbc.queryOne("SELECT scheduled_for, last_run_at, outcome, result FROM scheduled_job WHERE name = ?",
        row -> {
          OffsetDateTime ran = row.getObject(2, OffsetDateTime.class);
          return new JobRun(row.getObject(1, OffsetDateTime.class).toInstant(), ran == null ? null : ran.toInstant(),
              JobRun.Outcome.valueOf(row.getString(3)), row.getString(4));
        }, name);
  }

  /** When the next scheduled run is. */
  public Instant nextRun() {
    return schedule.nextAfter(clock.instant(), clock.getZone());
  }

  /** Called on the worker thread after each run. */
  public void addListener(Consumer<JobRun> listener) {
    listeners.add(listener);
  }

  private void save(JobRun run) {
    jdbc.update("MERGE INTO scheduled_job (name, scheduled_for, last_run_at, outcome, result) KEY (name)"
        + " VALUES (?, ?, ?, ?, ?)", name, OffsetDateTime.ofInstant(run.scheduledFor(), ZoneOffset.UTC),
        run.lastRunAt() == null ? null : OffsetDateTime.ofInstant(run.lastRunAt(), ZoneOffset.UTC),
        run.outcome().name(), run.result());
  }

  /** Stops the checks; a run under way finishes on the worker (whose owner bounds the wait). */
  @Override
  public void close() {
    ScheduledFuture<?> c = checks;
    if (c != null) {
      c.cancel(false);
    }
  }
}
