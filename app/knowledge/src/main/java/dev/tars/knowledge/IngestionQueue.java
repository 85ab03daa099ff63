package dev.tars.knowledge;

import dev.tars.concurrent.NamedThreads;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.knowledge.store.KnowledgeStore.StoredDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion queue kept in H2 and the named workers that drain it: adding files, job control (pause, resume,
 * cancel), progress and listeners. Claiming a document and the in-flight bookkeeping share one lock so that
 * pausing, cancelling and shutting down see a consistent set of busy workers. Each claimed document goes through
 * the {@link DocumentPipeline}.
 */
final class IngestionQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionQueue.class);

  private final KnowledgeStore store;
  private final DocumentWrites writes;
  private final DocumentPipeline pipeline;
  private final int workers;
  private final ExecutorService pool;
  private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
  private final Object claimLock = new Object();
  private final Map<Long, Long> inFlightBytes = new ConcurrentHashMap<>();
  private final AtomicInteger activeWorkers = new AtomicInteger();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicInteger cancelGeneration = new AtomicInteger();
  private volatile long jobStartNanos;
  private volatile long jobStartBytes;
  private volatile boolean paused;
  private volatile boolean closing;

  IngestionQueue(KnowledgeStore store, DocumentWrites writes, DocumentPipeline pipeline, int workers) {
    this.store = store;
    this.writes = writes;
    this.pipeline = pipeline;
    this.workers = workers;
    this.pool = Executors.newFixedThreadPool(workers, NamedThreads.named("ingest"));
  }

  void addListener(IngestListener listener) {
    listeners.add(listener);
  }

  void removeListener(IngestListener listener) {
    listeners.remove(listener);
  }

  /** See {@link KnowledgeService#add}. */
  AddResult add(String collection, List<Path> paths) {
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
        if (enqueue(collectionId, file)) {
          queued++;
        } else {
          unchanged++;
        }
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

  /** @return false when the file is already known with the same content (by size and date, else by hash) */
  private boolean enqueue(long collectionId, Path file) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    Optional<StoredDocument> existing = store.find(collectionId, file);
    if (existing.isEmpty()) {
      store.insertQueued(collectionId, file, FilesToAdd.hash(file), size, modified);
      return true;
    }
    StoredDocument d = existing.get();
    boolean settled = d.status() == DocumentStatus.INDEXED || d.status() == DocumentStatus.QUEUED
        || d.status().inFlight();
    if (settled && d.sizeBytes() == size && d.modifiedMs() == modified) {
      return false;
    }
    String hash = FilesToAdd.hash(file);
    if (settled && hash.equals(d.contentHash())) {
      store.touch(d.id(), modified);
      return false;
    }
    writes.requeue(d.id(), hash, size, modified);
    return true;
  }

  void remove(long documentId) {
    writes.remove(documentId);
    fireProgress();
  }

  void pause() {
    paused = true;
    fireProgress();
  }

  void resume() {
    paused = false;
    fireProgress();
    kick();
  }

  boolean isPaused() {
    return paused;
  }

  void cancel() {
    cancelGeneration.incrementAndGet();
    for (StoredDocument d : store.withStatus(DocumentStatus.QUEUED)) {
      if (store.transition(d.id(), DocumentStatus.QUEUED, DocumentStatus.FAILED)) {
        store.fail(d.id(), DocumentPipeline.CANCELLED);
      }
    }
    fireProgress();
  }

  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (activeWorkers.get() == 0 && (paused || store.count(DocumentStatus.QUEUED) == 0)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  JobProgress progress() {
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

  /** Starts workers up to the configured number, unless paused or closing. */
  void kick() {
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
          pipeline.process(doc, jobFor(generation));
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

  /** The pipeline's view of this queue for a document claimed while cancel generation {@code generation} ran. */
  private DocumentPipeline.Job jobFor(int generation) {
    return new DocumentPipeline.Job() {
      @Override
      public void checkpoint() throws DocumentPipeline.Abandon {
        if (cancelGeneration.get() != generation) {
          throw new DocumentPipeline.Abandon(true);
        }
        if (paused || closing) {
          throw new DocumentPipeline.Abandon(false);
        }
      }

      @Override
      public boolean shuttingDown() {
        return closing;
      }

      @Override
      public void documentChanged(long id) {
        fireDocument(id);
      }
    };
  }

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

  /** Stops the workers; in-progress documents return to the queue at their next checkpoint. Waits up to 10 s. */
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
  }
}
