package dev.tars.runtime;

import dev.tars.actions.notes.NoteSearch;
import dev.tars.actions.notes.NoteStore;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.EngineSource;
import dev.tars.chat.PromptContext;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.SettingsStore;
import dev.tars.embedding.Embedder;
import dev.tars.exchange.ExchangeService;
import dev.tars.knowledge.DocumentSearch;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.memory.MemoryContext;
import dev.tars.memory.MemoryExtractionException;
import dev.tars.memory.MemoryExtractor;
import dev.tars.memory.MemorySelector;
import dev.tars.memory.MemoryService;
import dev.tars.memory.NightlySynthesis;
import dev.tars.projects.ProjectInstructionsContext;
import dev.tars.projects.ProjectService;
import dev.tars.schedule.DailyJobRunner;
import dev.tars.schedule.DailySchedule;
import dev.tars.search.ConversationSearch;
import dev.tars.search.MemorySearch;
import dev.tars.search.SearchService;
import dev.tars.search.SearchSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects, memory, search, export/import and the nightly synthesis, built together by {@link TarsRuntime}:
 * it passes {@link #promptContexts()} to {@code StoredChatService}, calls {@link #start} when the front end
 * runs background work and {@link #close()} before the database closes. It lives here, not in the memory
 * package, because it ties memory, search and export together (each of those stands on its own). Model work (extraction, nightly) runs on one
 * named worker thread, so it never competes with itself.
 */
public final class MemorySystem implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemorySystem.class);
  static final Duration MODEL_TIMEOUT = Duration.ofMinutes(3);

  private final ExecutorService worker = Executors.newSingleThreadExecutor(NamedThreads.named("memory"));
  private final ProjectService projects;
  private final MemoryService memories;
  private final MemoryExtractor extractor;
  private final NightlySynthesis synthesis;
  private final DailyJobRunner nightly;
  private final SearchService search;
  private final ExchangeService exchange;
  private final List<PromptContext> promptContexts;

  /**
   * @param embedder for semantic memory matching, or null for keywords only
   * @param extraSearchSources e.g. the knowledge module's {@code DocumentSearch}
   */
  public MemorySystem(DataSource dataSource, ConversationStore conversations, SettingsStore settings,
      EngineSource engines, Clock clock, Embedder embedder,
      List<SearchSource> extraSearchSources) {
    projects = new ProjectService(dataSource, clock);
    memories = new MemoryService(dataSource, clock);
    extractor = new MemoryExtractor(engines, conversations, memories, projects, MODEL_TIMEOUT);
    synthesis = new NightlySynthesis(engines, conversations, projects, extractor, dataSource, clock, MODEL_TIMEOUT);
    nightly = new DailyJobRunner(NightlySynthesis.JOB_NAME, DailySchedule.TWO_AM, clock, worker,
        dataSource, synthesis);
    List<SearchSource> sources = new ArrayList<>(List.of(new ConversationSearch(dataSource, clock),
        new MemorySearch(memories)));
    sources.addAll(extraSearchSources);
    search = new SearchService(sources);
    exchange = new ExchangeService(dataSource, conversations, projects, memories, settings, clock);
    promptContexts = List.of(new ProjectInstructionsContext(projects),
        new MemoryContext(memories, projects, new MemorySelector(embedder)));
  }

  /**
   * Ctrl+K's sources besides conversations and memories: notes (their store is asked for at the first search,
   * since the actions are built after memory) and documents when the knowledge base is open.
   */
  static List<SearchSource> notesAndDocuments(Supplier<NoteStore> notes, Optional<KnowledgeBase> documents) {
    List<SearchSource> sources = new ArrayList<>();
    sources.add((query, limit) -> new NoteSearch(notes.get()).search(query, limit));
    documents.ifPresent(k -> sources.add(new DocumentSearch(k.retriever())));
    return sources;
  }

  /** For {@code StoredChatService}: project instructions first, then memories. Put document passages after. */
  public List<PromptContext> promptContexts() {
    return promptContexts;
  }

  /**
   * Starts the nightly job's checks (and catches up a run missed while the app was closed).
   *
   * @param scheduler the app's single scheduler (only the nightly job's minute check runs on it)
   */
  public void start(ScheduledExecutorService scheduler) {
    nightly.start(scheduler);
  }

  /**
   * Reads a conversation for new facts in the background, e.g. when the person leaves it. Failures (no model,
   * an unusable answer) are logged; the nightly job tries again.
   */
  public CompletableFuture<MemoryExtractor.Extraction> extractLater(long conversationId) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return extractor.extract(conversationId, MemoryService.ORIGIN_CONVERSATION);
        } catch (MemoryExtractionException e) {
          LOG.info("No facts from conversation {}: {}", conversationId, e.getMessage());
          return MemoryExtractor.Extraction.NOTHING;
        }
      }, worker);
    } catch (RejectedExecutionException e) {
      // A quiet-time timer can fire while the app is closing: nothing is read, the nightly job tries again.
      LOG.info("Memory is closed; conversation {} is not read for facts now", conversationId);
      return CompletableFuture.completedFuture(MemoryExtractor.Extraction.NOTHING);
    }
  }

  public ProjectService projects() {
    return projects;
  }

  public MemoryService memories() {
    return memories;
  }

  public DailyJobRunner nightly() {
    return nightly;
  }

  public NightlySynthesis synthesis() {
    return synthesis;
  }

  public SearchService search() {
    return search;
  }

  public ExchangeService exchange() {
    return exchange;
  }

  /** Stops the nightly checks and waits up to 3 s for model work under way. */
  @Override
  public void close() {
    nightly.close();
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.warn("Memory work did not stop within 3 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
