package dev.tars.desktop;

import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.BackupSource;
import dev.tars.backup.H2Checker;
import dev.tars.backup.PendingRestore;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.StoredChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.engine.EngineHost;
import dev.tars.desktop.engine.EngineStatus;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.settings.LocalApi;
import dev.tars.desktop.shell.Notices;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;
import dev.tars.engine.local.LocalEngine;
import dev.tars.engine.openai.OpenAiChatEngine;
import dev.tars.knowledge.DocumentSearch;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.KnowledgeBaseSource;
import dev.tars.knowledge.backup.LuceneIndexChecker;
import dev.tars.memory.MemorySystem;
import dev.tars.models.ModelManager;
import dev.tars.storage.Database;
import dev.tars.watchdog.AnswerMetrics;
import dev.tars.watchdog.LocalEngineProcess;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import dev.tars.watchdog.Watchdogs;
import dev.tars.watchdog.WebhookRelay;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that builds storage, settings, engines and the chat service and hands
 * them to the UI. Storage is opened in {@link #init()} (launcher thread), never on the JavaFX thread. On close,
 * answers under way are stored as stopped, then everything is closed in order with bounded waits.
 */
public final class TarsApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(TarsApp.class);

  private final AppPaths paths;
  private final EngineHost.Factory engineFactory;
  private Database database;
  private StoredSettings settings;
  private EngineHost engines;
  private StoredChatService chats;
  private ModelManager models;
  private KnowledgeBase knowledge;
  private MemorySystem memory;
  private DesktopShell shell;
  private BackupService backups;
  private BackupSettings backupSettings;
  private Metrics metrics;
  private Watchdog watchdog;
  private LocalApi localApi;
  private final LocalEngineProcess localEngine = new LocalEngineProcess();
  private String startupProblem;
  private Optional<PendingRestore.Outcome> restoreOutcome = Optional.empty();
  private final AtomicBoolean closed = new AtomicBoolean();
  private LaunchOptions launch = LaunchOptions.NONE;

  public TarsApp() {
    this(AppPaths.fromEnvironment());
  }

  /** An app on the data home {@code paths} (tests use a temporary one). */
  public TarsApp(AppPaths paths) {
    this.paths = paths;
    this.engineFactory = this::createEngine;
  }

  /** An app whose engines come from {@code engineFactory} instead of the settings' local model or server. */
  TarsApp(AppPaths paths, EngineHost.Factory engineFactory) {
    this.paths = paths;
    this.engineFactory = engineFactory;
  }

  @Override
  public void init() {
    LaunchOptions options = LaunchOptions.parse(getParameters() == null ? List.of() : getParameters().getRaw());
    launch = options;
    try {
      paths.ensureCreated();
      // A restore asked for on the Backups page (or by `tars backup restore`) replaces files before anything opens them.
      restoreOutcome = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), appVersion());
      restoreOutcome.ifPresent(outcome ->
          LOG.info("Restore of backup {} at start: {}", outcome.restoredId(),
              outcome.restored() ? "done, safety backup " + outcome.safetyBackupId() : outcome.problems()));
      database = Database.open(paths.database());
      settings = new StoredSettings(database.dataSource());
      engines = new EngineHost(engineFactory,
          Executors.newSingleThreadExecutor(NamedThreads.named("engine-host")));
      ConversationStore conversations = new ConversationStore(database.dataSource(), Clock.systemUTC());
      models = ModelManager.create(paths, () -> Optional.of(settings.get().modelPath())
          .filter(path -> !path.isBlank()).map(Path::of));
      knowledge = openKnowledge();
      startWatchdog();
      memory = new MemorySystem(database.dataSource(), conversations, settings, engines::engine,
          watchdog.scheduler(), Clock.systemDefaultZone(),
          knowledge == null ? null : knowledge.embedder(),
          knowledge == null ? List.of() : List.of(new DocumentSearch(knowledge.retriever())));
      // Answers a person waits for are timed for the Dashboard; the memory review's prompts are not.
      chats = new StoredChatService(conversations, new AnswerMetrics(engines::engine, metrics), settings,
          knowledge == null ? memory.promptContexts() : Stream.concat(memory.promptContexts().stream(),
              Stream.of(knowledge.documentContext(engines::engine, () -> settings.get().contextSize()))).toList());
      settings.addListener(engines::apply);
      localApi = new LocalApi(paths.home(), paths.logs(), engines::engine,
          knowledge == null ? null : knowledge.embedder(),
          knowledge == null ? null : KnowledgeBaseSource.of(knowledge));
      settings.addListener(localApi::apply);
      if (options.smoke() && options.model() != null) {
        settings.save(settings.get().withModelPath(options.model().toString()));
      }
      engines.apply(settings.get());
      localApi.apply(settings.get());
      memory.start();
      if (knowledge != null) {
        knowledge.service().start(); // resumes files left queued by the last run
      }
      // A session logout or `kill` skips stop(): still stop the engine process and close the database.
      Runtime.getRuntime().addShutdownHook(NamedThreads.named("shutdown").newThread(this::closeServices));
    } catch (RuntimeException e) {
      LOG.error("Tars could not start on {}", paths.home(), e);
      startupProblem = e.getMessage();
      closeServices();
    }
  }

  /**
   * Documents are optional: when the embedding model cannot be loaded the app still chats, and the log says
   * why. Opened on the launcher thread because unpacking the model takes a moment on first start.
   */
  private KnowledgeBase openKnowledge() {
    try {
      return KnowledgeBase.open(paths, database.dataSource(), "eng");
    } catch (RuntimeException | LinkageError e) {
      LOG.error("The knowledge base could not open; documents are not available in this run", e);
      return null;
    }
  }

  /**
   * Hourly backups when data changed and at exit (database, and the document index as a live Lucene snapshot),
   * health checks of disk, database, backups and the local engine, and metrics.
   */
  private void startWatchdog() {
    backupSettings = new BackupSettings(database.dataSource());
    List<BackupSource> extraSources = knowledge == null ? List.of()
        : List.of(knowledge.service().index().backupSource(BackupServices.KNOWLEDGE_INDEX));
    backups = BackupServices.standard(paths, database, extraSources,
        List.of(new H2Checker(), new LuceneIndexChecker()), backupSettings::get, Clock.systemUTC(), appVersion());
    metrics = new Metrics(database.dataSource(), Clock.systemUTC());
    watchdog = Watchdogs.standard(paths, database.dataSource(), backups, backupSettings::get, localEngine, metrics,
        Clock.systemUTC());
    WebhookRelay webhook = Watchdogs.addWebhookRelay(watchdog, "", Clock.systemUTC());
    useWebhook(webhook);
    backupSettings.addListener(() -> {
      watchdog.setBackupInterval(backupSettings.get().interval());
      useWebhook(webhook);
    });
    if (knowledge != null) {
      // Sampled with the memory gauges (every minute) for the Dashboard.
      var index = knowledge.service().index();
      Path indexFolder = paths.home().resolve(BackupServices.KNOWLEDGE_INDEX);
      watchdog.addGauge(Metrics.INDEX_DOCUMENTS, index::size);
      watchdog.addGauge(Metrics.INDEX_BYTES, () -> folderBytes(indexFolder));
    }
    watchdog.start();
  }

  private void useWebhook(WebhookRelay webhook) {
    try {
      webhook.use(backupSettings.webhookUrl());
    } catch (IllegalArgumentException e) {
      LOG.warn("Alerts are off: the stored alert address is not usable ({})", e.getMessage());
      webhook.use("");
    }
  }

  private static long folderBytes(Path folder) {
    try (var files = java.nio.file.Files.walk(folder)) {
      return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private static String appVersion() {
    String version = TarsApp.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /**
   * Makes the engine the settings ask for; runs on the engine-host thread. The local engine is a supervised
   * child process (llama.cpp never runs in the UI process); a remote one is an OpenAI-compatible server.
   */
  private ChatEngine createEngine(AppSettings s, Consumer<EngineStatus> status) throws EngineException {
    localEngine.watch(null);
    if (s.engine() == EngineChoice.REMOTE) {
      URI url;
      try {
        url = URI.create(s.remoteUrl());
      } catch (IllegalArgumentException e) {
        throw new EngineException("The server URL " + s.remoteUrl() + " is not valid. Correct it in Settings.", e);
      }
      return new OpenAiChatEngine(OpenAiChatEngine.Options.remote(url, s.remoteApiKey(), s.remoteModel()));
    }
    LocalEngine.Options options = LocalEngine.Options.defaults(paths.temp()).withMaxContextLength(s.contextSize());
    if (s.threads() > 0) {
      options = options.withThreads(s.threads());
    }
    LocalEngine engine = new LocalEngine(options);
    engine.addStatusListener(local -> toUiStatus(local).ifPresent(status));
    try {
      engine.load(Path.of(s.modelPath()));
    } catch (EngineException | RuntimeException e) {
      engine.close();
      throw e;
    }
    localEngine.watch(engine);
    return engine;
  }

  private static Optional<EngineStatus> toUiStatus(dev.tars.engine.local.EngineStatus local) {
    String model = local.model() == null ? "" : local.model().getFileName().toString();
    return switch (local.state()) {
      case STOPPED -> Optional.empty();
      case LOADING -> Optional.of(new EngineStatus(EngineStatus.State.LOADING, false, model));
      case READY -> Optional.of(new EngineStatus(EngineStatus.State.READY, false, model));
      case RESTARTING -> Optional.of(new EngineStatus(EngineStatus.State.RESTARTING, false, local.message()));
      case FAILED -> Optional.of(new EngineStatus(EngineStatus.State.FAILED, false, local.message()));
    };
  }

  @Override
  public void start(Stage stage) {
    if (startupProblem != null) {
      I18n i18n = I18n.forLanguage("");
      Alert alert = new Alert(Alert.AlertType.ERROR, i18n.get("app.startFailed", paths.home(), startupProblem));
      alert.setHeaderText(i18n.get("app.startFailedTitle"));
      alert.showAndWait();
      Platform.exit();
      return;
    }
    shell = new DesktopShell(new DesktopServices(chats, settings, engines, paths, models, knowledge, memory, backups,
        watchdog, metrics, AppRestart::restart, backupSettings, localApi), I18n.forLanguage(settings.get().language()));
    shell.show(stage);
    restoreOutcome.ifPresent(this::tellRestoreOutcome);
    if (launch.smoke()) {
      new SmokeRun(chats, System.out, TarsLauncher.STARTED_NANOS).start();
    } else if (launch.model() != null) {
      offerModel(launch.model());
    }
    stage.setOnHidden(e -> LOG.info("Main window closed"));
  }

  /** The person restarted for a restore: say whether it was done (a refused archive leaves the data as it was). */
  private void tellRestoreOutcome(PendingRestore.Outcome outcome) {
    I18n i18n = I18n.forLanguage(settings.get().language());
    shell.viewModel().notices().post(outcome.restored()
        ? new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("backups.restored"))
        : new Notices.Notice(Notices.Kind.ERROR, i18n.get(outcome.dataUnchanged() ? "backups.restoreAbandoned"
            : "backups.restoreNotUndone", String.join(" ", outcome.problems()))));
  }

  /** A .gguf file was double-clicked (file association): offer to answer with it. */
  private void offerModel(Path model) {
    I18n i18n = I18n.forLanguage(settings.get().language());
    Alert ask = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("app.useModel", model.getFileName()));
    ask.setHeaderText(i18n.get("app.useModelTitle"));
    ask.showAndWait().filter(button -> button == javafx.scene.control.ButtonType.OK)
        .ifPresent(button -> settings.save(settings.get().withModelPath(model.toAbsolutePath().toString())));
  }

  @Override
  public void stop() {
    LOG.info("Shutting down");
    if (shell != null) {
      shell.stopAnswers();
      shell.close();
    }
    closeServices();
    LOG.info("Shut down");
  }

  private void closeServices() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (chats != null) {
      chats.close();
    }
    if (memory != null) {
      memory.close();
    }
    if (localApi != null) {
      localApi.close();
    }
    if (models != null) {
      models.close();
    }
    if (engines != null) {
      engines.close();
    }
    if (watchdog != null) {
      // After chat and engines stopped writing, before the index and database close: the backup at exit.
      watchdog.close();
    }
    if (knowledge != null) {
      knowledge.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
