package dev.tars.runtime;

import dev.tars.actions.Actions;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupSettings;
import dev.tars.backup.PendingRestore;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.PromptContext;
import dev.tars.chat.StoredChatService;
import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.mcp.TarsMcpServer;
import dev.tars.mcpclient.ChatTools;
import dev.tars.models.ModelManager;
import dev.tars.storage.Database;
import dev.tars.storage.StorageException;
import dev.tars.watchdog.AnswerMetrics;
import dev.tars.watchdog.LocalEngineProcess;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>How the parts of a service fit lives beside it ({@link Upkeep}, {@link ActionParts}, {@link OtherApps},
 * {@link MemorySystem}, {@link VoiceSystem}); this class keeps what a reader comes for: one short getter per
 * service and the order they are built in.
 */
public final class TarsRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TarsRuntime.class);

  private final RuntimeOptions options;
  private final AppPaths paths;
  private final Optional<PendingRestore.Outcome> restoreOutcome;
  private final LocalEngineProcess localEngine = new LocalEngineProcess();
  private final ClosingOrder built = new ClosingOrder();
  private boolean closed;

  private Database database;
  private StoredSettings settings;
  private EngineHost engines;
  private ModelManager models;
  private final OptionalService<KnowledgeBase> knowledge = new OptionalService<>("The document index");
  private Metrics metrics;
  private BackupSettings backupSettings;
  private BackupService backups;
  private Watchdog watchdog;
  private ConversationStore conversations;
  private MemorySystem memory;
  private StoredChatService chats;
  private Actions actions;
  private final OtherApps otherApps;
  private final OptionalService<VoiceSystem> voice = new OptionalService<>("Voice");
  private boolean backgroundStarted;

  private TarsRuntime(RuntimeOptions options, Optional<PendingRestore.Outcome> restoreOutcome) {
    this.options = options;
    this.paths = options.paths();
    this.restoreOutcome = restoreOutcome;
    this.otherApps = new OtherApps(this, options, built);
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
  synchronized Database database() {
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
      engines = track("engine", Engines.host(options, localEngine, settings()));
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
    if (!options.knowledge()) {
      knowledge.turnOff(new IllegalStateException("Documents are turned off for this run."));
    }
    return knowledge.get(() -> track("knowledge",
        KnowledgeBase.open(paths, database().dataSource(), options.ocrLanguages())));
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
      backups = Upkeep.backups(paths, database(), knowledge.builtOrNull(), backupSettings(), options.appVersion());
    }
    return backups;
  }

  /**
   * Listing and verifying backups, which needs no database and so works while the app runs. Not cached:
   * it holds nothing open.
   */
  public BackupService backupCatalog() {
    return Upkeep.catalog(paths, options.appVersion());
  }

  /**
   * Health checks (disk, database, backup age, the local engine), scheduled backups and metrics gauges.
   * Built, not started: {@link #startAll()} starts it. Closing it takes the backup at exit.
   */
  public synchronized Watchdog watchdog() {
    ensureOpen();
    if (watchdog == null) {
      watchdog = track("watchdog", Upkeep.watchdog(paths, database(), backups(), backupSettings(), localEngine,
          metrics(), knowledge.builtOrNull()));
    }
    return watchdog;
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
          MemorySystem.notesAndDocuments(() -> actions().notes(), documents)));
    }
    return memory;
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
      actions = track("actions", ActionParts.forCommands(database().dataSource(), memory().memories()));
    }
    return actions;
  }

  /**
   * The tools the model may call in conversations (decision 1520): Tars' own and the MCP servers of Settings →
   * Tools, each server started on first use and stopped at close. Off until the person turns them on.
   */
  public synchronized ChatTools chatTools() {
    ensureOpen();
    return otherApps.chatTools();
  }

  /** The local OpenAI-compatible API over this runtime's engine, history and knowledge, with MCP at /mcp. */
  public synchronized LocalApi localApi() {
    ensureOpen();
    return otherApps.localApi();
  }

  /**
   * What Tars' MCP server answers from ({@code tars mcp} and the local API's {@code /mcp}): documents (the
   * knowledge base, opened on the first document call), notes, agenda and the action service, conversations.
   * Builds no engine: MCP tools never generate text.
   */
  public synchronized TarsMcpServer.Services mcp() {
    ensureOpen();
    return otherApps.mcp();
  }

  /**
   * Lets {@code tars mcp} relay to this process while it holds the data folder (decision 1530): Tars' MCP server on
   * a private loopback endpoint, announced in the data home until close. For the processes that hold the folder
   * for long (the window, {@code tars serve}, {@code tars mcp}). Safe to call twice; a failure is logged, and only
   * means that {@code tars mcp} cannot run beside this process.
   */
  public synchronized void publishMcpRelay() {
    ensureOpen();
    otherApps.publishMcpRelay();
  }

  /**
   * Speech in and out (push-to-talk, read-aloud, the voice settings). Cheap to build: speech models, the voice
   * and audio devices are opened on first use, and missing ones are reported then, to the person who asked.
   */
  public synchronized VoiceSystem voice() {
    ensureOpen();
    return voice.get(() -> track("voice", new VoiceSystem(paths)));
  }

  /** Voice is optional: when it cannot be built, the rest of Tars works the same and the log says why. */
  public synchronized Optional<VoiceSystem> voiceIfAvailable() {
    ensureOpen();
    return voice.ifAvailable(() -> track("voice", new VoiceSystem(paths)));
  }

  /**
   * Builds every service now, in order, and starts the background work: the watchdog's checks and scheduled
   * backups, the nightly memory job (on the watchdog's scheduler, the app's one scheduler), documents left
   * queued by the last run, and the local API server when the settings turn it on. For the desktop app.
   */
  public synchronized void startAll() {
    ensureOpen();
    // Each step's time goes to the log: the start-up breakdown (docs/benchmarks.md) reads it.
    OpeningTimes times = new OpeningTimes();
    times.time("database and settings", this::settings);
    times.time("engine", this::engines);
    times.time("models", this::models);
    times.time("knowledge", this::knowledgeIfAvailable);
    times.time("watchdog and backups", this::watchdog);
    times.time("memory", this::memory);
    times.time("chat", this::chats);
    if (actions == null) {
      times.time("actions", () -> actions = track("actions", ActionParts.forWindow(database().dataSource(),
          memory().memories(), settings().get().language(), watchdog().scheduler())));
    }
    times.time("local API", this::localApi);
    times.time("MCP relay", this::publishMcpRelay);
    times.time("voice", this::voiceIfAvailable);
    LOG.info("{}", times);
    if (backgroundStarted) {
      return;
    }
    backgroundStarted = true;
    StoredSettings stored = settings();
    LocalApi api = localApi();
    stored.addListener(api::apply);
    api.apply(stored.get());
    watchdog.start();
    memory.start(watchdog.scheduler());
    KnowledgeBase documents = knowledge.builtOrNull();
    if (documents != null) {
      documents.service().start();
    }
  }

  private <T extends AutoCloseable> T track(String name, T service) {
    return built.track(name, service);
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
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    built.closeAll();
  }
}
