package dev.tars.knowledge;

import dev.tars.concurrent.NamedThreads;
import dev.tars.embedding.Embedder;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.index.Hit;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.lang.Language;
import dev.tars.knowledge.lang.LanguageGuesser;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.parse.ParsedDocument;
import dev.tars.knowledge.store.KnowledgeStore.StoredDocument;
import dev.tars.knowledge.store.KnowledgeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base: adds files to an ingestion queue kept in H2, runs it on named workers (parse, OCR,
 * chunk, embed, index), and answers retrieval queries.
 *
 * <p>Crash safety: a document's chunks are committed to Lucene first and recorded in H2 (chunks + status
 * {@code INDEXED}) in one transaction second. On start, {@link #recover()} puts every document that was in
 * flight back in the queue and deletes whatever Lucene holds for documents H2 does not call indexed, so after a
 * {@code kill -9} at any moment both stores agree, nothing is duplicated, and finished documents are not redone.
 *
 * <p>Threading: every public method is thread-safe; {@link #add} hashes files and so should run off the UI
 * thread; listeners are called on worker threads.
 *
 * <p>Longer than 400 lines on purpose: the queue's job control (add, pause, cancel, progress) and its workers
 * share one claim lock and the in-flight bookkeeping, which would otherwise be spread over two classes. What
 * stands apart lives apart: walking and hashing the chosen files ({@link FilesToAdd}), rebuilding a cited
 * passage ({@link CitedPassages}), the store and the index (given to it by {@link KnowledgeBase}).
 */
public final class KnowledgeService implements KnowledgeRetriever, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeService.class);
  static final String CANCELLED = "Indexing was cancelled before this file was done. Add it again to index it.";
  private static final int EMBED_SLICE = 32;
  /**
   * Candidates each of vector and keyword search contribute to the fusion. The vector search itself walks the
   * HNSW graph wider ({@link KnowledgeIndex.Hnsw#searchWidth()}) and keeps its best 100, so the true nearest
   * neighbours are among them (see docs/decisions/0405-retrieval-tuning.md).
   */
  public static final int CANDIDATES = 100;

  private final KnowledgeStore store;
  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final DocumentParser parser;
  private final Chunker chunker;
  private final int workers;
  private final ExecutorService pool;
  private final CitedPassages citedPassages;
  private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
  /** Serialises "write chunks + mark indexed" against removal and re-queueing of the same documents. */
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Object claimLock = new Object();
  private final Map<Long, Long> inFlightBytes = new ConcurrentHashMap<>();
  private final AtomicInteger activeWorkers = new AtomicInteger();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicInteger cancelGeneration = new AtomicInteger();
  private volatile long jobStartNanos;
  private volatile long jobStartBytes;
  private volatile boolean paused;
  private volatile boolean closing;

  /**
   * @param store the documents' rows in H2
   * @param index the Lucene index of their chunks; this service closes it when it closes
   */
  public KnowledgeService(KnowledgeStore store, KnowledgeIndex index, Embedder embedder, DocumentParser parser,
      Chunker chunker, int workers) {
    this.store = store;
    this.index = index;
    this.citedPassages = new CitedPassages(store);
    this.embedder = embedder;
    this.parser = parser;
    this.chunker = chunker;
    this.workers = workers;
    this.pool = Executors.newFixedThreadPool(workers, NamedThreads.named("ingest"));
    checkModel();
    recover();
  }

  public void addListener(IngestListener listener) {
    listeners.add(listener);
  }

  public void removeListener(IngestListener listener) {
    listeners.remove(listener);
  }

  /** Starts (or continues) working through the queue. Called by the owner once listeners are attached. */
  public void start() {
    kick();
  }

  // ---- adding and removing ----------------------------------------------------------------------------

  /**
   * Puts files (folders are walked) into the queue of {@code collection}, creating it if needed. Unchanged
   * files (same content hash) are left alone; changed ones are re-indexed. Hidden files are skipped.
   */
  public AddResult add(String collection, List<Path> paths) {
    long collectionId = store.collectionId(collection);
    Set<Path> files = new LinkedHashSet<>();
    int[] skipped = {0};
    for (Path p : paths) {
      FilesToAdd.collect(p.toAbsolutePath().normalize(), files, skipped);
    }
    int queued = 0;
    int unchanged = 0;
    for (Path file : files) {
      try {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        Optional<StoredDocument> existing = store.find(collectionId, file);
        if (existing.isPresent()) {
          StoredDocument d = existing.get();
          boolean settled = d.status() == DocumentStatus.INDEXED || d.status() == DocumentStatus.QUEUED
              || d.status().inFlight();
          if (settled && d.sizeBytes() == size && d.modifiedMs() == modified) {
            unchanged++;
            continue;
          }
          String hash = FilesToAdd.hash(file);
          if (settled && hash.equals(d.contentHash())) {
            store.touch(d.id(), modified);
            unchanged++;
            continue;
          }
          requeue(d.id(), hash, size, modified);
        } else {
          store.insertQueued(collectionId, file, FilesToAdd.hash(file), size, modified);
        }
        queued++;
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("Cannot add {}", file, e);
        skipped[0]++;
      }
    }
    LOG.info("Added to '{}': {} queued, {} unchanged, {} skipped", collection, queued, unchanged, skipped[0]);
    fireProgress();
    kick();
    return new AddResult(queued, unchanged, skipped[0]);
  }

  private void requeue(long id, String hash, long size, long modified) {
    writeLock.lock();
    try {
      index.delete(List.of(id));
      store.requeue(id, hash, size, modified);
    } finally {
      writeLock.unlock();
    }
  }

  /** Removes a document: its chunks and vectors leave the index and the database. */
  public void remove(long documentId) {
    writeLock.lock();
    try {
      store.setStatus(documentId, DocumentStatus.REMOVING);
      index.delete(List.of(documentId));
      store.delete(documentId);
    } finally {
      writeLock.unlock();
    }
    fireProgress();
  }

  // ---- job control ------------------------------------------------------------------------------------

  /** Stops taking documents; documents being worked on go back to the queue at their next checkpoint. */
  public void pause() {
    paused = true;
    fireProgress();
  }

  public void resume() {
    paused = false;
    fireProgress();
    kick();
  }

  public boolean isPaused() {
    return paused;
  }

  /** Empties the queue: queued and in-progress documents fail with a "cancelled" reason. */
  public void cancel() {
    cancelGeneration.incrementAndGet();
    for (StoredDocument d : store.withStatus(DocumentStatus.QUEUED)) {
      if (store.transition(d.id(), DocumentStatus.QUEUED, DocumentStatus.FAILED)) {
        store.fail(d.id(), CANCELLED);
      }
    }
    fireProgress();
  }

  /** Waits until the queue is empty and no worker is busy (or the job is paused). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (activeWorkers.get() == 0 && (paused || store.count(DocumentStatus.QUEUED) == 0)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  public JobProgress progress() {
    int queued = store.count(DocumentStatus.QUEUED);
    int inProgress = inFlightBytes.size();
    long done = bytesDone.get() - jobStartBytes;
    long remaining = store.queuedBytes() + inFlightBytes.values().stream().mapToLong(Long::longValue).sum();
    Optional<Duration> eta = Optional.empty();
    long elapsed = System.nanoTime() - jobStartNanos;
    if (done > 0 && elapsed > 0 && (queued > 0 || inProgress > 0)) {
      eta = Optional.of(Duration.ofNanos((long) (elapsed * ((double) remaining / done))));
    }
    return new JobProgress(queued, inProgress, store.count(DocumentStatus.INDEXED),
        store.count(DocumentStatus.FAILED), done, done + remaining, eta, paused);
  }

  private void kick() {
    synchronized (claimLock) {
      if (closing || paused) {
        return;
      }
      if (activeWorkers.get() == 0 && inFlightBytes.isEmpty()) {
        jobStartNanos = System.nanoTime();
        jobStartBytes = bytesDone.get();
      }
      while (activeWorkers.get() < workers) {
        activeWorkers.incrementAndGet();
        pool.submit(this::workLoop);
      }
    }
  }

  private void workLoop() {
    try {
      while (true) {
        StoredDocument doc;
        int generation;
        synchronized (claimLock) {
          doc = closing || paused ? null : claimNext();
          if (doc == null) {
            activeWorkers.decrementAndGet();
            fireProgress();
            return;
          }
          generation = cancelGeneration.get();
          inFlightBytes.put(doc.id(), doc.sizeBytes());
        }
        try {
          process(doc, generation);
        } finally {
          inFlightBytes.remove(doc.id());
          bytesDone.addAndGet(doc.sizeBytes());
          fireDocument(doc.id());
          fireProgress();
        }
      }
    } catch (RuntimeException e) {
      // A database or index failure stops this worker; the document stays in the queue for the next start.
      LOG.error("Ingestion worker stopped", e);
      synchronized (claimLock) {
        activeWorkers.decrementAndGet();
      }
    }
  }

  private StoredDocument claimNext() {
    for (StoredDocument d : store.queued(workers * 2)) {
      if (!inFlightBytes.containsKey(d.id()) && store.transition(d.id(), DocumentStatus.QUEUED, DocumentStatus.PARSING)) {
        return d;
      }
    }
    return null;
  }

  /** Thrown at a checkpoint when the document must be put back (pause) or dropped (cancel, removal). */
  private static final class Abandon extends Exception {
    private final boolean cancelled;

    Abandon(boolean cancelled) {
      super(null, null, false, false);
      this.cancelled = cancelled;
    }
  }

  private void checkpoint(int generation) throws Abandon {
    if (cancelGeneration.get() != generation) {
      throw new Abandon(true);
    }
    if (paused || closing) {
      throw new Abandon(false);
    }
  }

  private void process(StoredDocument doc, int generation) {
    long id = doc.id();
    fireDocument(id);
    DocumentStatus[] current = {DocumentStatus.PARSING};
    try {
      ParsedDocument parsed = parser.parse(doc.path(), () -> {
        if (store.transition(id, DocumentStatus.PARSING, DocumentStatus.OCR)) {
          current[0] = DocumentStatus.OCR;
          fireDocument(id);
        }
      });
      checkpoint(generation);
      List<Chunk> chunks = chunker.chunk(parsed.blocks());
      Language language = LanguageGuesser.guess(Chunker.fullText(parsed.blocks()));
      if (!store.transition(id, current[0], DocumentStatus.EMBEDDING)) {
        return;
      }
      current[0] = DocumentStatus.EMBEDDING;
      fireDocument(id);
      List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
      for (int from = 0; from < chunks.size(); from += EMBED_SLICE) {
        checkpoint(generation);
        List<Chunk> slice = chunks.subList(from, Math.min(chunks.size(), from + EMBED_SLICE));
        List<float[]> vectors = embedder.embedPassages(slice.stream().map(KnowledgeService::embeddedText).toList());
        for (int i = 0; i < slice.size(); i++) {
          indexed.add(new IndexedChunk(slice.get(i), vectors.get(i)));
        }
      }
      checkpoint(generation);
      writeLock.lock();
      try {
        // Re-check under the lock: a removal or a re-add may have taken the document away meanwhile.
        Optional<StoredDocument> now = store.get(id);
        if (now.isEmpty() || now.get().status() != DocumentStatus.EMBEDDING) {
          return;
        }
        index.replace(id, doc.collectionId(), doc.path().toString(), language, indexed);
        store.markIndexed(id, parsed.mediaType(), parsed.pages(), chunks);
      } finally {
        writeLock.unlock();
      }
      LOG.debug("Indexed {} ({} chunks)", doc.path(), chunks.size());
    } catch (DocumentRejectedException e) {
      LOG.info("Not indexed: {}: {}", doc.path(), e.reason());
      failIfStill(id, current[0], e.reason());
    } catch (Abandon a) {
      if (a.cancelled) {
        failIfStill(id, current[0], CANCELLED);
      } else {
        store.transition(id, current[0], DocumentStatus.QUEUED);
      }
    } catch (OutOfMemoryError e) {
      LOG.error("Out of memory while indexing {}", doc.path(), e);
      failIfStill(id, current[0], "The file needed more memory than Tars can give it. Split it into smaller files.");
    } catch (RuntimeException e) {
      if (closing) {
        // Shutting down interrupted the embedding: not the document's fault, so it waits for the next start.
        LOG.info("Indexing {} interrupted by shutdown; it stays queued", doc.path());
        store.transition(id, current[0], DocumentStatus.QUEUED);
        return;
      }
      LOG.error("Unexpected failure while indexing {}", doc.path(), e);
      failIfStill(id, current[0], "An unexpected error stopped indexing this file (" + e.getMessage()
          + "). Details are in the log.");
    }
  }

  /** What is embedded for a unit: its section's headings give a short unit the topic it belongs to. */
  static String embeddedText(Chunk chunk) {
    return chunk.heading().isEmpty() ? chunk.text() : chunk.heading() + "\n" + chunk.text();
  }

  private void failIfStill(long id, DocumentStatus expected, String reason) {
    writeLock.lock();
    try {
      if (store.transition(id, expected, DocumentStatus.FAILED)) {
        index.delete(List.of(id));
        store.fail(id, reason);
      }
    } finally {
      writeLock.unlock();
    }
  }

  // ---- start-up -----------------------------------------------------------------------------------------

  /** Re-embeds everything when the configured embedding model differs from the one the index was built with. */
  private void checkModel() {
    Optional<String[]> stored = store.indexModel();
    String model = embedder.modelName();
    int dimension = embedder.dimension();
    if (stored.isPresent() && (!stored.get()[0].equals(model) || Integer.parseInt(stored.get()[1]) != dimension)) {
      LOG.warn("Embedding model changed from {} ({}-d) to {} ({}-d): re-embedding every document",
          stored.get()[0], stored.get()[1], model, dimension);
      index.deleteAll();
      store.requeueAll();
    }
    store.setIndexModel(model, dimension);
    if (index.needsRebuild()) {
      // Passages cut and analysed by an older version: index every document again (the Knowledge page shows the
      // queue's progress as for any ingestion; searches meanwhile find what is already redone).
      LOG.warn("The knowledge index was built by an older version of Tars (format other than {}): indexing every "
          + "document again", KnowledgeIndex.FORMAT);
      index.deleteAll();
      store.requeueAll();
    }
  }

  /** Makes H2 and Lucene agree after an unclean stop; see the class comment. */
  void recover() {
    for (StoredDocument d : store.withStatus(DocumentStatus.REMOVING)) {
      index.delete(List.of(d.id()));
      store.delete(d.id());
    }
    int requeued = 0;
    for (DocumentStatus s : DocumentStatus.values()) {
      if (s.inFlight()) {
        for (StoredDocument d : store.withStatus(s)) {
          store.transition(d.id(), s, DocumentStatus.QUEUED);
          requeued++;
        }
      }
    }
    Map<Long, Integer> inIndex = index.chunksPerDocument();
    Set<Long> indexedIds = new java.util.HashSet<>();
    List<Long> stale = new ArrayList<>();
    for (DocumentInfo d : store.documents(OptionalLong.empty())) {
      if (d.status() == DocumentStatus.INDEXED) {
        indexedIds.add(d.id());
        if (inIndex.getOrDefault(d.id(), 0) != d.chunks()) {
          LOG.warn("Index holds {} chunks of {} but the database {}: re-indexing it",
              inIndex.getOrDefault(d.id(), 0), d.path(), d.chunks());
          stale.add(d.id());
        }
      }
    }
    List<Long> orphans = inIndex.keySet().stream().filter(id -> !indexedIds.contains(id)).toList();
    index.delete(orphans);
    for (long id : stale) {
      store.get(id).ifPresent(d -> requeue(d.id(), d.contentHash(), d.sizeBytes(), d.modifiedMs()));
    }
    if (requeued + orphans.size() + stale.size() > 0) {
      LOG.info("Recovered the knowledge base: {} documents back in the queue, {} partial documents dropped "
          + "from the index, {} re-indexed", requeued, orphans.size(), stale.size());
    }
  }

  // ---- reading ----------------------------------------------------------------------------------------

  public List<DocumentInfo> documents(OptionalLong collectionId) {
    return store.documents(collectionId);
  }

  public List<CollectionInfo> collections() {
    return store.collections();
  }

  /** A document's chunks in order, e.g. to show a cited passage in its context. */
  public List<Chunk> chunks(long documentId) {
    return store.chunks(documentId);
  }

  /**
   * A cited passage with up to {@code around} characters of its document's text on each side; see
   * {@link CitedPassages}.
   */
  public Optional<CitedPassage> citedPassage(PassageReference ref, int around) {
    return citedPassages.read(ref, around);
  }

  /**
   * The {@code k} best passages for a query (the CLI's {@code search}): each is the paragraph or paragraphs around
   * a small unit that matched, with the sentence that matched best.
   */
  public List<Passage> search(String query, Collection<Long> collections, int k) {
    float[] vector = embedder.embedQuery(query);
    return index.search(vector, query, collections, k, Math.max(CANDIDATES, k * 2)).stream().map(this::passage).toList();
  }

  @Override
  public List<Passage> retrieve(String query, Collection<Long> collections, int tokenBudget) {
    List<Passage> out = new ArrayList<>();
    int budgetChars = tokenBudget * Chunker.CHARS_PER_TOKEN;
    for (Passage p : search(query, collections, 20)) {
      if (p.text().length() <= budgetChars) {
        out.add(p);
        budgetChars -= p.text().length();
      } else if (out.isEmpty() && budgetChars > 0) {
        out.add(cutAround(p, budgetChars));
        break;
      }
    }
    return out;
  }

  /** A passage cut to {@code chars} characters, keeping its best sentence in view. */
  static Passage cutAround(Passage p, int chars) {
    int sentenceFrom = p.highlightStart() - p.start();
    int from = Math.clamp(sentenceFrom - chars / 4, 0, Math.max(0, p.text().length() - chars));
    int to = Math.min(p.text().length(), from + chars);
    int highlightStart = Math.clamp(p.highlightStart(), p.start() + from, p.start() + to);
    int highlightEnd = Math.clamp(p.highlightEnd(), highlightStart, p.start() + to);
    return new Passage(p.documentId(), p.collectionId(), p.path(), p.page(), p.start() + from, p.start() + to,
        p.text().substring(from, to), p.score(), highlightStart, highlightEnd);
  }

  private Passage passage(Hit h) {
    return new Passage(h.documentId(), h.collectionId(), Path.of(h.path()), h.page(), h.contextStart(),
        h.contextEnd(), h.context(), h.score(), h.highlightStart(), h.highlightEnd());
  }

  /** Lucene's view, for consistency checks and tests. */
  public KnowledgeIndex index() {
    return index;
  }

  public KnowledgeStore store() {
    return store;
  }

  // ---- events and shutdown ------------------------------------------------------------------------------

  private void fireDocument(long id) {
    if (listeners.isEmpty()) {
      return;
    }
    store.document(id).ifPresent(d -> listeners.forEach(l -> safely(() -> l.documentChanged(d))));
  }

  private void fireProgress() {
    if (listeners.isEmpty()) {
      return;
    }
    JobProgress p = progress();
    listeners.forEach(l -> safely(() -> l.progress(p)));
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("Ingestion listener failed", e);
    }
  }

  /** Stops the workers (in-progress documents return to the queue) and closes the index; waits up to 10 s. */
  @Override
  public void close() {
    closing = true;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Ingestion workers did not stop in 10 s");
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
    index.close();
    LOG.info("Knowledge service closed");
  }
}
