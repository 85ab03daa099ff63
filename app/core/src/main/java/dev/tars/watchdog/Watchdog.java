package dev.tars.watchdog;

import dev.tars.backup.BackupException;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupState;
import dev.tars.backup.BackupStatus;
import dev.tars.concurrent.NamedThreads;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's watchdog: one named scheduler thread that backs up when data changed (every
 * {@link WatchdogConfig#backupEvery()} and at exit), runs the health checks, samples memory, and publishes
 * problems to listeners and the log. A persisting problem is reported again after 1, 2, 4, ... rounds up to
 * {@link WatchdogConfig#maxReportGap()}, and once more when it is gone.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private final WatchdogConfig config;
  private final BackupService backups;
  private final Metrics metrics;
  private final EngineProcess engine;
  private final Clock clock;
  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
  private final List<ProblemListener> listeners = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.ScheduledThreadPoolExecutor scheduler =
      new java.util.concurrent.ScheduledThreadPoolExecutor(1, NamedThreads.named("watchdog"));
  private final Map<String, Tracker> open = new HashMap<>();
  private final Map<String, java.util.function.DoubleSupplier> gauges = new java.util.concurrent.ConcurrentHashMap<>();
  private java.util.concurrent.ScheduledFuture<?> scheduledBackups;
  private long round;
  private int restartsSeen;
  private volatile boolean closed;

  /** How often one open problem has been reported. */
  private static final class Tracker {
    Health health;
    long nextReport;
    long gap = 1;
  }

  /**
   * @param engine the local engine, or null when the app has none (remote engine, CLI)
   */
  public Watchdog(WatchdogConfig config, BackupService backups, List<HealthCheck> checks, Metrics metrics,
      EngineProcess engine, Clock clock) {
    this.config = config;
    this.backups = backups;
    this.metrics = metrics;
    this.engine = engine;
    this.clock = clock;
    // At close, pending webhook retries are dropped; only the exit backup still runs.
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.setRemoveOnCancelPolicy(true);
    this.checks.addAll(checks);
    if (engine != null) {
      this.checks.add(Checks.engine(engine));
      this.restartsSeen = engine.restartCount();
    }
  }

  /** The watchdog's scheduler, for small related work (webhook deliveries). Do not block it for long. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public void addListener(ProblemListener listener) {
    listeners.add(listener);
  }

  public void addCheck(HealthCheck check) {
    checks.add(check);
  }

  /**
   * Samples {@code value} on every health round into the in-memory {@link Metrics} gauge {@code name}, e.g.
   * {@link Metrics#INDEX_DOCUMENTS}. The supplier runs on the watchdog thread and must be quick.
   */
  public void addGauge(String name, java.util.function.DoubleSupplier value) {
    gauges.put(name, value);
  }

  /** Starts the periodic work. Unfinished backup files of an earlier crash are removed first. */
  public void start() {
    scheduler.execute(() -> {
      int removed = backups.removeLeftovers();
      if (removed > 0) {
        LOG.info("Removed {} unfinished backup file(s) of an earlier run", removed);
      }
      verifyUnchecked();
    });
    long health = config.healthEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::healthRound, 0, health, TimeUnit.MILLISECONDS);
    scheduleBackups(config.backupEvery());
    scheduler.scheduleWithFixedDelay(() -> metrics.prune(config.metricsKept()), 1, 24 * 60, TimeUnit.MINUTES);
    LOG.info("Watchdog started: health every {}, backup check every {}", config.healthEvery(), config.backupEvery());
  }

  /**
   * From now on, checks for changes and backs up every {@code every} (the person changed the interval in
   * Settings); the next check is one interval from now.
   */
  public synchronized void setBackupInterval(java.time.Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("The backup interval must be positive");
    }
    if (closed || scheduledBackups == null) {
      return;
    }
    scheduledBackups.cancel(false);
    scheduleBackups(every);
    LOG.info("Backup check now every {}", every);
  }

  private synchronized void scheduleBackups(java.time.Duration every) {
    long millis = every.toMillis();
    scheduledBackups = scheduler.scheduleWithFixedDelay(() -> backupIfChanged("scheduled"), millis, millis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Checks archives written without a check (the safety backup a restore makes at start, before anything is
   * open), so the Backups page shows them as sound or damaged rather than unchecked.
   */
  private void verifyUnchecked() {
    try {
      for (var backup : backups.list()) {
        if (backup.state() == BackupState.UNVERIFIED) {
          BackupStatus status = backups.verify(backup.id());
          LOG.info("Checked backup {} written by an earlier start: {}", backup.id(), status.state());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Unchecked backups could not be checked", e);
    }
  }

  /** Backs up now on the watchdog thread; the future fails with a {@link BackupException} a person can read. */
  public CompletableFuture<BackupService.Run> backupNow(String trigger) {
    return CompletableFuture.supplyAsync(() -> backup(trigger), scheduler);
  }

  /** Verifies one archive on the watchdog thread. */
  public CompletableFuture<BackupStatus> verify(String id) {
    return CompletableFuture.supplyAsync(() -> backups.verify(id), scheduler);
  }

  /** Runs the checks once now (on the watchdog thread) and returns the open problems afterwards. */
  public CompletableFuture<List<Problem>> checkNow() {
    return CompletableFuture.supplyAsync(() -> {
      healthRound();
      return openProblems();
    }, scheduler);
  }

  /** The problems open after the last round. Call on the watchdog thread or through {@link #checkNow()}. */
  private List<Problem> openProblems() {
    return open.entrySet().stream()
        .map(e -> Problem.of(e.getKey(), e.getValue().health, e.getValue().health.message(), clock.instant(), false))
        .toList();
  }

  private void backupIfChanged(String trigger) {
    try {
      if (backups.changedSinceLastBackup()) {
        backup(trigger);
      } else {
        LOG.debug("Nothing changed since the last backup");
      }
    } catch (BackupException e) {
      LOG.debug("Reported backup failure", e);
    } catch (RuntimeException e) {
      LOG.error("Scheduled backup failed", e);
    }
  }

  private BackupService.Run backup(String trigger) {
    try {
      BackupService.Run run = backups.backupNow(trigger);
      if (run.backup().state() != BackupState.VERIFIED) {
        String problems = String.join(" ", run.backup().status().problems());
        publish(Problem.of("backup", Health.critical("backup.failedCheck", "", run.backup().id(), problems),
            "The new backup " + run.backup().id() + " failed its check: " + problems, clock.instant(), false));
      }
      run.mirrorProblem().ifPresent(message ->
          publish(new Problem("mirror", Health.Severity.WARNING, message, clock.instant(), false)));
      return run;
    } catch (BackupException e) {
      publish(new Problem("backup", Health.Severity.CRITICAL, e.getMessage(), clock.instant(), false));
      throw e;
    }
  }

  private void healthRound() {
    round++;
    for (HealthCheck check : checks) {
      Health health;
      try {
        health = check.check();
      } catch (RuntimeException e) {
        LOG.error("Health check {} failed", check.name(), e);
        health = Health.critical("check.failed", "The " + check.name() + " check itself failed (" + e.getMessage()
            + ").", check.name(), String.valueOf(e.getMessage()));
      }
      track(check.name(), health);
    }
    sample();
  }

  private void track(String name, Health health) {
    Tracker tracker = open.get(name);
    if (health.isOk()) {
      if (tracker != null) {
        open.remove(name);
        publish(Problem.of(name, tracker.health, "Resolved: " + tracker.health.message(), clock.instant(), true));
      }
      return;
    }
    long maxGap = Math.max(1, config.maxReportGap().toMillis() / Math.max(1, config.healthEvery().toMillis()));
    if (tracker == null || !tracker.health.equals(health)) {
      tracker = tracker == null ? new Tracker() : tracker;
      tracker.health = health;
      tracker.gap = 1;
      tracker.nextReport = round + 1;
      open.put(name, tracker);
      publish(Problem.of(name, health, health.message(), clock.instant(), false));
    } else if (round >= tracker.nextReport) {
      tracker.gap = Math.min(tracker.gap * 2, maxGap);
      tracker.nextReport = round + tracker.gap;
      publish(Problem.of(name, health, health.message(), clock.instant(), false));
    }
  }

  private void sample() {
    long engineBytes = -1;
    if (engine != null) {
      int restarts = engine.restartCount();
      for (int i = restartsSeen; i < restarts; i++) {
        metrics.engineRestart("crash");
      }
      if (restarts > restartsSeen) {
        publish(Problem.of("engine-restart", Health.warning("engine.restarted", "", restarts),
            "The local model engine stopped unexpectedly and was restarted (" + restarts
                + " restarts since Tars started).", clock.instant(), false));
      }
      restartsSeen = restarts;
      Optional<ProcessHandle> process = engine.process().filter(ProcessHandle::isAlive);
      if (process.isPresent()) {
        engineBytes = ProcessMemory.residentBytes(process.get().pid()).orElse(-1);
      }
    }
    metrics.memory(ProcessMemory.ofThisProcess(), engineBytes);
    gauges.forEach((name, value) -> {
      try {
        metrics.gauge(name, value.getAsDouble());
      } catch (RuntimeException e) {
        LOG.debug("Gauge {} not sampled: {}", name, e.getMessage());
      }
    });
  }

  private void publish(Problem problem) {
    if (problem.resolved()) {
      LOG.info("Health {}: {}", problem.check(), problem.message());
    } else if (problem.severity() == Health.Severity.CRITICAL) {
      LOG.error("Health {}: {}", problem.check(), problem.message());
    } else {
      LOG.warn("Health {}: {}", problem.check(), problem.message());
    }
    for (ProblemListener listener : listeners) {
      try {
        listener.onProblem(problem);
      } catch (RuntimeException e) {
        LOG.error("Problem listener failed", e);
      }
    }
  }

  /**
   * Stops the periodic work, takes the backup at exit if data changed, and waits at most
   * {@link WatchdogConfig#shutdownWait()} for it. Safe to call twice.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    long waitMillis = config.shutdownWait().toMillis();
    java.util.concurrent.Future<?> exitBackup = null;
    try {
      exitBackup = scheduler.submit(() -> backupIfChanged("exit"));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("Watchdog already stopped");
    }
    // Wait for the exit backup before shutdown(): with delayed tasks dropped at shutdown, a task the thread had
    // not yet picked up would be cancelled, and the last changes would go without a backup.
    if (exitBackup != null) {
      try {
        exitBackup.get(waitMillis, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.warn("The backup at exit did not finish within {}", config.shutdownWait());
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
        LOG.warn("The backup at exit failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    scheduler.shutdown();
    try {
      long left = Math.max(0, waitMillis - (System.nanoTime() - started) / 1_000_000);
      if (!scheduler.awaitTermination(left, TimeUnit.MILLISECONDS)) {
        LOG.warn("Watchdog did not finish within {}; stopping it (an unfinished backup is discarded at next start)",
            config.shutdownWait());
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("Watchdog stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
  }
}
