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
    return standard(paths, dataSource, backups, () -> backup, engine, metrics, clock);
  }

  /**
   * Like {@link #standard(AppPaths, DataSource, BackupService, BackupConfig, EngineProcess, Metrics, Clock)}, with
   * the backup-age limit following {@code backup} as the settings change. The interval itself is changed with
   * {@link Watchdog#setBackupInterval}.
   */
  public static Watchdog standard(AppPaths paths, DataSource dataSource, BackupService backups,
      java.util.function.Supplier<BackupConfig> settings, EngineProcess engine, Metrics metrics, Clock clock) {
    BackupConfig backup = settings.get();
    WatchdogConfig defaults = WatchdogConfig.DEFAULT;
    WatchdogConfig config = new WatchdogConfig(defaults.healthEvery(), backup.interval(), defaults.shutdownWait(),
        defaults.maxReportGap(), defaults.diskWarnBytes(), defaults.metricsKept());
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(Checks.diskSpace(paths.home(), config.diskWarnBytes(), DiskSpace.SYSTEM));
    checks.add(Checks.database(dataSource));
    // Twice the interval plus an hour: one skipped round (app asleep, backup running) is not yet a problem.
    checks.add(Checks.backupAge(backups, () -> settings.get().interval().multipliedBy(2).plusHours(1), clock));
    return new Watchdog(config, backups, checks, metrics, engine, clock);
  }

  /**
   * A webhook whose address can change while the app runs (or be empty: no alerts); starts with {@code url}.
   */
  public static WebhookRelay addWebhookRelay(Watchdog watchdog, String url, Clock clock) {
    WebhookRelay relay = new WebhookRelay(watchdog.scheduler(), clock);
    relay.use(url);
    watchdog.addListener(relay);
    return relay;
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
