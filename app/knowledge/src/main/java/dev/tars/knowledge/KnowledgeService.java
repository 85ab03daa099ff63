package dev.tars.knowledge;

import dev.tars.embedding.Embedder;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.index.Hit;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base: adds files to an ingestion queue kept in H2, runs it on named workers (parse, OCR,
 * chunk, embed, index), and answers retrieval queries.
 *
 * <p>Crash safety: a document's chunks are committed to Lucene first and recorded in H2 (chunks + status
 * {@code INDEXED}) in one transaction second ({@link DocumentWrites}). On start, {@link StartupRecovery} puts every
 * document that was in flight back in the queue and deletes whatever Lucene holds for documents H2 does not call
 * indexed, so after a {@code kill -9} at any moment both stores agree, nothing is duplicated, and finished
 * documents are not redone.
 *
 * <p>Threading: every public method is thread-safe; {@link #add} hashes files and so should run off the UI
 * thread; listeners are called on worker threads.
 *
 * <p>This class answers the queries and is the one door to ingestion; the queue and its workers live in
 * {@link IngestionQueue}, one document's way through parse, chunk, embed and index in {@link DocumentPipeline},
 * walking and hashing the chosen files in {@link FilesToAdd}, rebuilding a cited passage in
 * {@link CitedPassages}; the store and the index are given to it by {@link KnowledgeBase}.
 */
public final class KnowledgeService implements KnowledgeRetriever, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeService.class);
  /**
   * Candidates each of vector and keyword search contribute to the fusion. The vector search itself walks the
   * HNSW graph wider ({@link KnowledgeIndex.Hnsw#searchWidth()}) and keeps its best 100, so the true nearest
   * neighbours are among them (see docs/decisions/0405-retrieval-tuning.md).
   */
  public static final int CANDIDATES = 100;

  private final KnowledgeStore store;
  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final CitedPassages citedPassages;
  private final IngestionQueue queue;

  /**
   * @param store the documents' rows in H2
   * @param index the Lucene index of their chunks; this service closes it when it closes
   */
  public KnowledgeService(KnowledgeStore store, KnowledgeIndex index, Embedder embedder, DocumentParser parser,
      Chunker chunker, int workers) {
    this.store = store;
    this.index = index;
    this.embedder = embedder;
    this.citedPassages = new CitedPassages(store);
    DocumentWrites writes = new DocumentWrites(store, index);
    this.queue = new IngestionQueue(store, writes,
        new DocumentPipeline(store, writes, embedder, parser, chunker), workers);
    new StartupRecovery(store, index, writes).run(embedder);
  }

  public void addListener(IngestListener listener) {
    queue.addListener(listener);
  }

  public void removeListener(IngestListener listener) {
    queue.removeListener(listener);
  }

  /** Starts (or continues) working through the queue. Called by the owner once listeners are attached. */
  public void start() {
    queue.kick();
  }

  // ---- ingestion --------------------------------------------------------------------------------------

  /**
   * Puts files (folders are walked) into the queue of {@code collection}, creating it if needed. Unchanged
   * files (same content hash) are left alone; changed ones are re-indexed. Hidden files are skipped.
   */
  public AddResult add(String collection, List<Path> paths) {
    return queue.add(collection, paths);
  }

  /** Removes a document: its chunks and vectors leave the index and the database. */
  public void remove(long documentId) {
    queue.remove(documentId);
  }

  /** Stops taking documents; documents being worked on go back to the queue at their next checkpoint. */
  public void pause() {
    queue.pause();
  }

  public void resume() {
    queue.resume();
  }

  public boolean isPaused() {
    return queue.isPaused();
  }

  /** Empties the queue: queued and in-progress documents fail with a "cancelled" reason. */
  public void cancel() {
    queue.cancel();
  }

  /** Waits until the queue is empty and no worker is busy (or the job is paused). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return queue.awaitIdle(timeout);
  }

  public JobProgress progress() {
    return queue.progress();
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

  /** Stops the workers (in-progress documents return to the queue) and closes the index; waits up to 10 s. */
  @Override
  public void close() {
    queue.close();
    index.close();
    LOG.info("Knowledge service closed");
  }
}
