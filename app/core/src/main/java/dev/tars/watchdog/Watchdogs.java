package dev.tars.watchdog;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.models.DiskSpace;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/** The app's standard watchdog, so the composition root wires it in a few lines. */
public final class Watchdogs {
  private Watchdogs() {}

  /**
   * A watchdog (not started) that backs up every {@code backup.interval()} when data changed and at exit,
   * checks disk space, the database, the newest backup and (when given) the local engine.
   *
   * @param engine the local engine, or null when none runs in this app
   */
  public static Watchdog standard(AppPaths paths, DataSource dataSource, BackupService backups, BackupConfig backup,
      EngineProcess engine, Metrics metrics, Clock clock) {
    WatchdogConfig defaults = WatchdogConfig.DEFAULT;
    WatchdogConfig config = new WatchdogConfig(defaults.healthEvery(), backup.interval(), defaults.shutdownWait(),
        defaults.maxReportGap(), defaults.diskWarnBytes(), defaults.metricsKept());
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(Checks.diskSpace(paths.home(), config.diskWarnBytes(), DiskSpace.SYSTEM));
    checks.add(Checks.database(dataSource));
    // Twice the interval plus an hour: one skipped round (app asleep, backup running) is not yet a problem.
    checks.add(Checks.backupAge(backups, backup.interval().multipliedBy(2).plusHours(1), clock));
    return new Watchdog(config, backups, checks, metrics, engine, clock);
  }

  /**
   * Sends the watchdog's problems to {@code url} as JSON. The HTTP client gets its own named daemon thread;
   * it ends with the process.
   */
  public static Webhook addWebhook(Watchdog watchdog, URI url, Clock clock) {
    ExecutorService http = Executors.newFixedThreadPool(1, NamedThreads.named("webhook-http"));
    Webhook webhook = new Webhook(url, watchdog.scheduler(), http, Webhook.Settings.DEFAULT, clock);
    watchdog.addListener(webhook);
    return webhook;
  }
}
