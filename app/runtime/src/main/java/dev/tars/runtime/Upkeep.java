package dev.tars.runtime;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.BackupSource;
import dev.tars.backup.H2Checker;
import dev.tars.config.AppPaths;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.backup.LuceneIndexChecker;
import dev.tars.models.DiskSpace;
import dev.tars.storage.Database;
import dev.tars.watchdog.LocalEngineProcess;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import dev.tars.watchdog.Watchdogs;
import dev.tars.watchdog.WebhookRelay;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link TarsRuntime} assembles the services that look after Tars itself: backups of the database and the
 * document index, and the watchdog with its health checks, alerts and Dashboard gauges. The runtime decides when
 * each is built and closes it; this class only knows how the parts fit.
 */
final class Upkeep {
  private static final Logger LOG = LoggerFactory.getLogger(Upkeep.class);

  private Upkeep() {}

  /** Listing and verifying backups, which needs no database and so works while the app runs. */
  static BackupService catalog(AppPaths paths, String appVersion) {
    return new BackupService(paths, List.of(), Map::of, List.of(new H2Checker(), new LuceneIndexChecker()),
        () -> BackupConfig.DEFAULT, Clock.systemUTC(), appVersion, DiskSpace.SYSTEM);
  }

  /**
   * @param knowledge the open knowledge base, whose index is backed up from a live snapshot; null copies the
   *     index's files instead (the app is stopped, as the CLI checks)
   */
  static BackupService backups(AppPaths paths, Database database, KnowledgeBase knowledge,
      BackupSettings settings, String appVersion) {
    BackupSource index = knowledge != null
        ? knowledge.service().index().backupSource(BackupServices.KNOWLEDGE_INDEX)
        : BackupServices.knowledgeIndexOfStoppedApp(paths);
    return BackupServices.standard(paths, database, List.of(index),
        List.of(new H2Checker(), new LuceneIndexChecker()), settings::get, Clock.systemUTC(), appVersion);
  }

  /**
   * Health checks (disk, database, backup age, the local engine), scheduled backups, alerts to the webhook the
   * backup settings name, and the index's size among the gauges when {@code knowledge} is open (else null).
   */
  static Watchdog watchdog(AppPaths paths, Database database, BackupService backups, BackupSettings settings,
      LocalEngineProcess localEngine, Metrics metrics, KnowledgeBase knowledge) {
    Watchdog dog = Watchdogs.standard(paths, database.dataSource(), backups, settings::get, localEngine, metrics,
        Clock.systemUTC());
    WebhookRelay webhook = Watchdogs.addWebhookRelay(dog, "", Clock.systemUTC());
    useWebhook(webhook, settings);
    settings.addListener(() -> {
      dog.setBackupInterval(settings.get().interval());
      useWebhook(webhook, settings);
    });
    if (knowledge != null) {
      // Sampled with the memory gauges (every minute) for the Dashboard.
      var index = knowledge.service().index();
      Path indexFolder = paths.home().resolve(BackupServices.KNOWLEDGE_INDEX);
      dog.addGauge(Metrics.INDEX_DOCUMENTS, index::size);
      dog.addGauge(Metrics.INDEX_BYTES, () -> Folders.bytes(indexFolder));
    }
    return dog;
  }

  private static void useWebhook(WebhookRelay webhook, BackupSettings settings) {
    try {
      webhook.use(settings.webhookUrl());
    } catch (IllegalArgumentException e) {
      LOG.warn("Alerts are off: the stored alert address is not usable ({})", e.getMessage());
      webhook.use("");
    }
  }
}
