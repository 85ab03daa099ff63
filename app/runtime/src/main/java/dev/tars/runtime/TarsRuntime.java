package dev.tars.runtime;

import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.notes.NoteSearch;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.BackupSource;
import dev.tars.backup.H2Checker;
import dev.tars.backup.PendingRestore;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.PromptContext;
import dev.tars.chat.StoredChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.knowledge.DocumentSearch;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.KnowledgeBaseSource;
import dev.tars.knowledge.backup.LuceneIndexChecker;
import dev.tars.mcp.BuiltInTools;
import dev.tars.mcp.McpTexts;
import dev.tars.mcp.TarsMcpServer;
import dev.tars.search.ConversationSearch;
import dev.tars.mcpclient.ChatTools;
import dev.tars.mcpclient.McpServers;
import dev.tars.mcpclient.ToolSettings;
import dev.tars.models.DiskSpace;
import dev.tars.models.ModelManager;
import dev.tars.storage.Database;
import dev.tars.storage.StorageException;
import dev.tars.watchdog.AnswerMetrics;
import dev.tars.watchdog.LocalEngineProcess;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import dev.tars.watchdog.Watchdogs;
import dev.tars.watchdog.WebhookRelay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tars put together once, for every front end: the desktop app, each CLI command and {@code tars serve} ask
 * this object for the services they need and never build one themselves.
 *
 * <p>{@link #open} opens only the data home. Each service is built the first time it is asked for, exactly
 * once, after the services it needs, so a front end starts only what it uses: {@code tars search} never
 * starts an engine, {@code tars ask} never schedules backups. The desktop app calls {@link #startAll()}, which
 * builds everything in the documented order (settings, engine, models, knowledge, watchdog and backups,
 * memory and projects, chat, local API) and starts the background work. {@link #close()} closes what was
 * built in reverse order; each service bounds its own wait. Getters are thread-safe; after {@code close} they
 * throw {@link IllegalStateException}.
 *
 * <p>A little over 400 lines on purpose: one short getter per service, and the order they are built in is
 * what a reader comes here to see; split across classes it would have to be pieced together again.
 */
public final class TarsRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TarsRuntime.class);

  private final RuntimeOptions options;
  private final AppPaths paths;
  private final Optional<PendingRestore.Outcome> restoreOutcome;
  private final LocalEngineProcess localEngine = new LocalEngineProcess();
  // What was built, in order; closed from the last.
  private final Deque<Map.Entry<String, AutoCloseable>> built = new ArrayDeque<>();
  private boolean closed;

  private Database database;
  private StoredSettings settings;
  private EngineHost engines;
  private ModelManager models;
  private KnowledgeBase knowledge;
  private RuntimeException knowledgeFailure;
  private Metrics metrics;
  private BackupSettings backupSettings;
  private BackupService backups;
  private Watchdog watchdog;
  private ConversationStore conversations;
  private MemorySystem memory;
  private StoredChatService chats;
  private Actions actions;
  private ChatTools chatTools;
  private LocalApi localApi;
  private McpRelayHost mcpRelay;
  private boolean backgroundStarted;

  private TarsRuntime(RuntimeOptions options, Optional<PendingRestore.Outcome> restoreOutcome) {
    this.options = options;
    this.paths = options.paths();
    this.restoreOutcome = restoreOutcome;
  }

  /**
   * Opens the data home (creating its folders) and, when {@code options} ask, applies a restore requested
   * on the Backups page before any file is opened. Nothing else starts until it is asked for.
   */
  public static TarsRuntime open(RuntimeOptions options) {
    AppPaths paths = options.paths().ensureCreated();
    Optional<PendingRestore.Outcome> outcome = Optional.empty();
    if (options.applyPendingRestore()) {
      outcome = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), options.appVersion());
      outcome.ifPresent(o -> LOG.info("Restore of backup {} at start: {}", o.restoredId(),
          o.restored() ? "done, safety backup " + o.safetyBackupId() : o.problems()));
    }
    return new TarsRuntime(options, outcome);
  }

  public AppPaths paths() {
    return paths;
  }

  /** What became of a restore applied by {@link #open}, if one was asked for. */
  public Optional<PendingRestore.Outcome> restoreOutcome() {
    return restoreOutcome;
  }

  /** The one place the database is opened (H2 + every module's migrations). */
  private synchronized Database database() {
    if (database == null) {
      database = track("database", Database.open(paths.database()));
    }
    return database;
  }

  /** The app's settings (theme, language, engine choice, defaults), stored in the database. */
  public synchronized StoredSettings settings() {
    ensureOpen();
    if (settings == null) {
      settings = new StoredSettings(database().dataSource());
    }
    return settings;
  }

  /**
   * The engine owner. Built on first use, when it starts the engine the settings choose (or the model given
   * in the options) in the background; it follows later changes of the settings.
   */
  public synchronized EngineHost engines() {
    ensureOpen();
    if (engines == null) {
      StoredSettings stored = settings();
      EngineHost.Factory factory = options.engineFactory() != null ? options.engineFactory()
          : new Engines(paths, localEngine);
      engines = track("engine", new EngineHost(factory,
          Executors.newSingleThreadExecutor(NamedThreads.named("engine-host"))));
      if (options.model() != null) {
        engines.apply(options.modelSettings(stored.get()));
      } else {
        stored.addListener(engines::apply);
        engines.apply(stored.get());
      }
    }
    return engines;
  }

  /**
   * Catalog, downloads and installed models; the active model is the one the settings choose. Opens no
   * database until the active model is asked for, so {@code tars models list} works while the app runs.
   */
  public synchronized ModelManager models() {
    ensureOpen();
    if (models == null) {
      models = track("models",
          ModelManager.create(paths.models(), paths.home().resolve("downloads"), this::activeModel));
    }
    return models;
  }

  /** The model file the settings choose; unknown (empty) while another Tars holds the database. */
  private Optional<Path> activeModel() {
    try {
      return Optional.of(settings().get().modelPath()).filter(path -> !path.isBlank()).map(Path::of);
    } catch (StorageException e) {
      LOG.debug("The active model is not known: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The document index, parsers and embedder.
   *
   * @throws RuntimeException (with a message for a person) when it cannot open; asking again rethrows it
   */
  public synchronized KnowledgeBase knowledge() {
    ensureOpen();
    if (knowledge == null) {
      if (knowledgeFailure != null) {
        throw knowledgeFailure;
      }
      if (!options.knowledge()) {
        knowledgeFailure = new IllegalStateException("Documents are turned off for this run.");
        throw knowledgeFailure;
      }
      try {
        knowledge = track("knowledge", KnowledgeBase.open(paths, database().dataSource(), options.ocrLanguages()));
      } catch (RuntimeException e) {
        knowledgeFailure = e;
      } catch (LinkageError e) {
        knowledgeFailure = new IllegalStateException("The document index cannot run on this computer: "
            + e.getMessage(), e);
      }
      if (knowledgeFailure != null) {
        LOG.error("The knowledge base could not open; documents are not available in this run", knowledgeFailure);
        throw knowledgeFailure;
      }
    }
    return knowledge;
  }

  /**
   * Documents are optional for chat: when the knowledge base cannot open (say, the embedding model cannot be
   * unpacked), Tars answers without documents and the log says why.
   */
  public synchronized Optional<KnowledgeBase> knowledgeIfAvailable() {
    try {
      return Optional.of(knowledge());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Answer speed, memory and restarts, kept for the Dashboard. */
  public synchronized Metrics metrics() {
    ensureOpen();
    if (metrics == null) {
      metrics = new Metrics(database().dataSource(), Clock.systemUTC());
    }
    return metrics;
  }

  /** Schedule, retention, mirror and alert address of the backups. */
  public synchronized BackupSettings backupSettings() {
    ensureOpen();
    if (backupSettings == null) {
      backupSettings = new BackupSettings(database().dataSource());
    }
    return backupSettings;
  }

  /**
   * Backups of the database and the document index: a live Lucene snapshot when this runtime has the
   * knowledge base open, else a copy of the index's files (the app is stopped, as the CLI checks).
   */
  public synchronized BackupService backups() {
    ensureOpen();
    if (backups == null) {
      BackupSource index = knowledge != null
          ? knowledge.service().index().backupSource(BackupServices.KNOWLEDGE_INDEX)
          : BackupServices.knowledgeIndexOfStoppedApp(paths);
      backups = BackupServices.standard(paths, database(), List.of(index),
          List.of(new H2Checker(), new LuceneIndexChecker()), backupSettings()::get, Clock.systemUTC(),
          options.appVersion());
    }
    return backups;
  }

  /**
   * Listing and verifying backups, which needs no database and so works while the app runs. Not cached:
   * it holds nothing open.
   */
  public BackupService backupCatalog() {
    return new BackupService(paths, List.of(), Map::of, List.of(new H2Checker(), new LuceneIndexChecker()),
        () -> BackupConfig.DEFAULT, Clock.systemUTC(), options.appVersion(), DiskSpace.SYSTEM);
  }

  /**
   * Health checks (disk, database, backup age, the local engine), scheduled backups and metrics gauges.
   * Built, not started: {@link #startAll()} starts it. Closing it takes the backup at exit.
   */
  public synchronized Watchdog watchdog() {
    ensureOpen();
    if (watchdog == null) {
      BackupSettings backupConfig = backupSettings();
      Watchdog dog = Watchdogs.standard(paths, database().dataSource(), backups(), backupConfig::get, localEngine,
          metrics(), Clock.systemUTC());
      WebhookRelay webhook = Watchdogs.addWebhookRelay(dog, "", Clock.systemUTC());
      useWebhook(webhook, backupConfig);
      backupConfig.addListener(() -> {
        dog.setBackupInterval(backupConfig.get().interval());
        useWebhook(webhook, backupConfig);
      });
      if (knowledge != null) {
        // Sampled with the memory gauges (every minute) for the Dashboard.
        var index = knowledge.service().index();
        Path indexFolder = paths.home().resolve(BackupServices.KNOWLEDGE_INDEX);
        dog.addGauge(Metrics.INDEX_DOCUMENTS, index::size);
        dog.addGauge(Metrics.INDEX_BYTES, () -> Folders.bytes(indexFolder));
      }
      watchdog = track("watchdog", dog);
    }
    return watchdog;
  }

  private static void useWebhook(WebhookRelay webhook, BackupSettings backupConfig) {
    try {
      webhook.use(backupConfig.webhookUrl());
    } catch (IllegalArgumentException e) {
      LOG.warn("Alerts are off: the stored alert address is not usable ({})", e.getMessage());
      webhook.use("");
    }
  }

  private synchronized ConversationStore conversations() {
    if (conversations == null) {
      conversations = new ConversationStore(database().dataSource(), Clock.systemUTC());
    }
    return conversations;
  }

  /** Projects, memories, search over everything, export/import and the nightly synthesis. */
  public synchronized MemorySystem memory() {
    ensureOpen();
    if (memory == null) {
      Optional<KnowledgeBase> documents = knowledgeIfAvailable();
      // The engine is looked up when memory work needs it, so `tars memory add` never starts one.
      memory = track("memory", new MemorySystem(database().dataSource(), conversations(), settings(),
          () -> engines().engine(), Clock.systemDefaultZone(),
          documents.map(KnowledgeBase::embedder).orElse(null),
          searchSources(documents)));
    }
    return memory;
  }

  /**
   * Ctrl+K's sources besides conversations and memories: notes (their store is asked for at the first search,
   * since the actions are built after memory) and documents when the knowledge base is open.
   */
  private List<dev.tars.search.SearchSource> searchSources(Optional<KnowledgeBase> documents) {
    List<dev.tars.search.SearchSource> sources = new ArrayList<>();
    sources.add((query, limit) -> new NoteSearch(actions().notes()).search(query, limit));
    documents.ifPresent(k -> sources.add(new DocumentSearch(k.retriever())));
    return sources;
  }

  /**
   * The chat service every front end answers with, with the prompt contexts in their order: project
   * instructions, memories, then document passages (each cites its sources).
   */
  public synchronized StoredChatService chats() {
    ensureOpen();
    if (chats == null) {
      EngineHost host = engines();
      List<PromptContext> contexts = new ArrayList<>(memory().promptContexts());
      // Notes join the documents' passages when a conversation chooses them (numbered and cited the same way).
      knowledgeIfAvailable().ifPresent(k -> contexts.add(k.documentContext(host,
          () -> settings().get().contextSize(), new NotesForAnswers(() -> actions().notes()))));
      // Answers a person waits for are timed for the Dashboard; the memory review's prompts are not.
      chats = track("chat", new StoredChatService(conversations(), new AnswerMetrics(host, metrics()), settings(),
          contexts, this::chatTools));
    }
    return chats;
  }

  /**
   * Notes, agenda, reminders and the activity log, in this computer's time zone, sharing the memory
   * service (an action can remember something). The reminder scheduler is built, not started: one-shot
   * commands never deliver reminders. {@link #startAll()} builds it for the window (desktop notifications,
   * the app's scheduler); the window starts the scheduler once its in-app notice listens.
   */
  public synchronized Actions actions() {
    ensureOpen();
    if (actions == null) {
      buildActions(false);
    }
    return actions;
  }

  /**
   * @param desktop for the window: reminders tick on the app's one scheduler (the watchdog's) and reach the
   *     freedesktop notification service when this session has one
   */
  private void buildActions(boolean desktop) {
    ZoneId zone = ZoneId.systemDefault();
    Clock clock = Clock.system(zone);
    if (!desktop) {
      actions = track("actions", Actions.open(database().dataSource(), memory().memories(), clock, zone,
          DesktopNotifier.NONE));
      return;
    }
    Texts texts = Texts.of(Texts.locale(settings().get().language()));
    Actions[] built = new Actions[1];
    DesktopNotifier notifier = Actions.desktopNotifier(texts, zone, () -> built[0]);
    built[0] = Actions.open(database().dataSource(), memory().memories(), clock, zone, notifier,
        watchdog().scheduler());
    actions = track("actions", built[0]);
  }

  /**
   * The tools the model may call in conversations (decision 1520): Tars' own and the MCP servers of Settings →
   * Tools, each server started on first use and stopped at close. Off until the person turns them on.
   */
  public synchronized ChatTools chatTools() {
    ensureOpen();
    if (chatTools == null) {
      ToolSettings toolSettings = new ToolSettings(database().dataSource());
      McpServers servers = track("MCP servers", new McpServers(toolSettings, options.appVersion()));
      // The same built-in tools the MCP server serves; their changes go through the action service as TOOL.
      TarsMcpServer.Services services = mcp();
      BuiltInTools builtIns = new BuiltInTools(services.documents(), services.actions(), services.conversations(),
          McpTexts.of(services.language()));
      List<dev.tars.tools.Tool> own = builtIns.tools(new BuiltInTools.Caller(Origin.TOOL, "chat"), true);
      chatTools = new ChatTools(toolSettings, servers, () -> own);
    }
    return chatTools;
  }

  /** The local OpenAI-compatible API over this runtime's engine, history and knowledge, with MCP at /mcp. */
  public synchronized LocalApi localApi() {
    ensureOpen();
    if (localApi == null) {
      Optional<KnowledgeBase> documents = knowledgeIfAvailable();
      localApi = track("local API", new LocalApi(paths.home(), paths.logs(), engines(), chats(),
          documents.map(KnowledgeBase::embedder).orElse(null), documents.map(KnowledgeBaseSource::of).orElse(null),
          this::mcp));
    }
    return localApi;
  }

  /**
   * What Tars' MCP server answers from ({@code tars mcp} and the local API's {@code /mcp}): documents (the
   * knowledge base, opened on the first document call), notes, agenda and the action service, conversations.
   * Builds no engine: MCP tools never generate text.
   */
  public synchronized TarsMcpServer.Services mcp() {
    ensureOpen();
    return new TarsMcpServer.Services(() -> knowledge().service(), actions(),
        new ConversationSearch(database().dataSource(), Clock.systemUTC()), settings().get().language(),
        options.appVersion());
  }

  /**
   * Lets {@code tars mcp} relay to this process while it holds the data folder (decision 1530): Tars' MCP server on
   * a private loopback endpoint, announced in the data home until close. For the processes that hold the folder
   * for long (the window, {@code tars serve}, {@code tars mcp}). Safe to call twice; a failure is logged, and only
   * means that {@code tars mcp} cannot run beside this process.
   */
  public synchronized void publishMcpRelay() {
    ensureOpen();
    if (mcpRelay != null) {
      return;
    }
    try {
      StoredSettings stored = settings();
      mcpRelay = track("MCP relay", McpRelayHost.publish(paths.home(), mcp(), () -> stored.get().apiAllowActions()));
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("The MCP relay could not start; tars mcp cannot run while this Tars does", e);
    }
  }

  /**
   * Builds every service now, in order, and starts the background work: the watchdog's checks and scheduled
   * backups, the nightly memory job (on the watchdog's scheduler, the app's one scheduler), documents left
   * queued by the last run, and the local API server when the settings turn it on. For the desktop app.
   */
  public synchronized void startAll() {
    ensureOpen();
    // Each step's time goes to the log: the start-up breakdown (docs/benchmarks.md) reads it.
    StringBuilder times = new StringBuilder();
    long started = System.nanoTime();
    timed(times, "database and settings", this::settings);
    timed(times, "engine", this::engines);
    timed(times, "models", this::models);
    timed(times, "knowledge", this::knowledgeIfAvailable);
    timed(times, "watchdog and backups", this::watchdog);
    timed(times, "memory", this::memory);
    timed(times, "chat", this::chats);
    if (actions == null) {
      timed(times, "actions", () -> buildActions(true));
    }
    timed(times, "local API", this::localApi);
    timed(times, "MCP relay", this::publishMcpRelay);
    LOG.info("Services open in {} ms ({})", (System.nanoTime() - started) / 1_000_000, times);
    if (backgroundStarted) {
      return;
    }
    backgroundStarted = true;
    StoredSettings stored = settings();
    stored.addListener(localApi::apply);
    localApi.apply(stored.get());
    watchdog.start();
    memory.start(watchdog.scheduler());
    if (knowledge != null) {
      knowledge.service().start();
    }
  }

  private static void timed(StringBuilder times, String step, Runnable open) {
    long started = System.nanoTime();
    open.run();
    times.append(times.isEmpty() ? "" : ", ").append(step).append(' ')
        .append((System.nanoTime() - started) / 1_000_000).append(" ms");
  }

  private <T extends AutoCloseable> T track(String name, T service) {
    built.push(Map.entry(name, service));
    return service;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Tars is shutting down.");
    }
  }

  /**
   * Closes every service built, the last built first (chat before memory before the database...). Safe to
   * call twice and from a shutdown hook; the lock is not held while services close, so their threads can
   * finish.
   */
  @Override
  public void close() {
    List<Map.Entry<String, AutoCloseable>> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(built);
      built.clear();
    }
    for (Map.Entry<String, AutoCloseable> service : toClose) {
      long started = System.nanoTime();
      try {
        service.getValue().close();
      } catch (Exception | LinkageError e) {
        LOG.warn("Closing the {} failed", service.getKey(), e);
      }
      LOG.info("Closed the {} in {} ms", service.getKey(), (System.nanoTime() - started) / 1_000_000);
    }
  }
}
