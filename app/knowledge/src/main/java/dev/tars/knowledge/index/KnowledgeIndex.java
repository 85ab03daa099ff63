package dev.tars.knowledge.index;

import dev.tars.backup.BackupSource;
import dev.tars.knowledge.backup.LuceneBackupSource;
import dev.tars.knowledge.lang.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index holding, per chunk, its text (BM25) and its vector (HNSW), so a hybrid search is one
 * reader and deletes hit both at once. Every change is committed before it returns: the ingestion pipeline
 * commits here first and records the document as indexed in H2 second, so after a crash H2 never claims
 * chunks the index lacks (see {@code StartupRecovery} in the knowledge package).
 *
 * <p>This class is the write path and the views of the index; the schema of a chunk's fields lives in
 * {@link ChunkFields}, the hybrid query in {@link HybridSearch}, language analysis in {@link Analysis} and
 * reranking in {@link Reranker}.
 */
public final class KnowledgeIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeIndex.class);
  /**
   * Version of what the index holds, in its commit data. 2: small units with their context and per-language
   * analysis. An index of another version is rebuilt by re-indexing every document (KnowledgeService).
   */
  public static final String FORMAT = "2";
  private static final String FORMAT_KEY = "tars.format";
  /** Fused candidates the reranker reorders (issue 19 asks for 50-100; measured in decision 1301). */
  public static final int RERANK_CANDIDATES = 60;

  /**
   * HNSW parameters. {@code maxConn} (neighbours per node) and {@code beamWidth} (candidates considered while
   * inserting) shape the graph when segments are written or merged; readers do not need them, so an index
   * written with other values stays readable and only new segments follow new values. {@code searchWidth} is
   * how many candidates a vector query collects per segment before the best are kept: a wider beam finds more
   * of the true nearest neighbours for a little more time.
   */
  public record Hnsw(int maxConn, int beamWidth, int searchWidth) {
    /** Measured choice, see docs/decisions/0405-retrieval-tuning.md. */
    public static final Hnsw DEFAULT = new Hnsw(32, 200, 800);

    KnnVectorsFormat format() {
      return new Lucene99HnswVectorsFormat(maxConn, beamWidth);
    }
  }

  private final Hnsw hnsw;
  private final FSDirectory directory;
  private final Analysis analysis = new Analysis();
  private final Analyzer analyzer = analysis.writerAnalyzer();
  private volatile HybridSearch hybridSearch;
  private final String formatAtOpen;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  public KnowledgeIndex(Path dir) {
    this(dir, Hnsw.DEFAULT);
  }

  public KnowledgeIndex(Path dir, Hnsw hnsw) {
    this.hnsw = hnsw;
    this.hybridSearch = new HybridSearch(analysis, new Reranker(analysis, Reranker.Weights.DEFAULT), hnsw.searchWidth());
    try {
      directory = FSDirectory.open(dir);
      KnnVectorsFormat vectors = hnsw.format();
      // Subclassing the current codec keeps its name, so the index opens with plain Lucene (CheckIndex, backups).
      IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setCodec(new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
              return vectors;
            }
          })
          .setRAMBufferSizeMB(64)
          .setIndexDeletionPolicy(LuceneBackupSource.deletionPolicy());
      writer = new IndexWriter(directory, config);
      searchers = new SearcherManager(writer, null);
      Map<String, String> committed = new HashMap<>();
      Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
      if (live != null) {
        live.forEach(e -> committed.put(e.getKey(), e.getValue()));
      }
      formatAtOpen = committed.getOrDefault(FORMAT_KEY, "1");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the knowledge index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * This index as a backup source: consistent snapshots of the last commit while ingestion goes on.
   *
   * @param restorePath this index's folder relative to the data home, e.g. {@code knowledge/index}
   */
  public BackupSource backupSource(String restorePath) {
    return new LuceneBackupSource("knowledge-index", restorePath, writer);
  }

  /**
   * True when the index holds passages written by an older version of Tars (other passage shape or analysis):
   * its documents must be indexed again.
   */
  public boolean needsRebuild() {
    return !formatAtOpen.equals(FORMAT) && size() > 0;
  }

  /** Uses other reranking weights from now on ({@link Reranker.Weights#OFF} turns reranking off). */
  public void setReranking(Reranker.Weights weights) {
    hybridSearch = new HybridSearch(analysis, new Reranker(analysis, weights), hnsw.searchWidth());
  }

  /** Replaces every chunk of a document, as text of unknown language, and commits. */
  public void replace(long documentId, long collectionId, String path, List<IndexedChunk> chunks) {
    replace(documentId, collectionId, path, Language.OTHER, chunks);
  }

  /** Replaces every chunk of a document and commits; the chunks' words are analysed for {@code language}. */
  public synchronized void replace(long documentId, long collectionId, String path, Language language,
      List<IndexedChunk> chunks) {
    try {
      writer.deleteDocuments(new Term(ChunkFields.DOC, Long.toString(documentId)));
      List<Document> docs = new ArrayList<>(chunks.size());
      for (IndexedChunk chunk : chunks) {
        docs.add(ChunkFields.toDocument(documentId, collectionId, path, language, chunk));
      }
      writer.addDocuments(docs);
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to the knowledge index: " + e.getMessage(), e);
    }
  }

  /** Removes the chunks of these documents and commits. */
  public synchronized void delete(Collection<Long> documentIds) {
    if (documentIds.isEmpty()) {
      return;
    }
    try {
      List<BytesRef> terms = documentIds.stream().map(id -> new BytesRef(Long.toString(id))).toList();
      writer.deleteDocuments(new TermInSetQuery(ChunkFields.DOC, terms));
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete from the knowledge index: " + e.getMessage(), e);
    }
  }

  public synchronized void deleteAll() {
    try {
      writer.deleteAll();
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear the knowledge index: " + e.getMessage(), e);
    }
  }

  private void commit() throws IOException {
    writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /**
   * Waits until Lucene's background merges are done, then commits and refreshes so searches see the merged
   * segments; the benchmark measures a settled index rather than one busy merging.
   *
   * @return false when merges were still running at the deadline
   */
  public boolean awaitMerges(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    synchronized (this) {
      try {
        commit();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot commit the knowledge index: " + e.getMessage(), e);
      }
    }
    return true;
  }

  /** Merges segments into one (the benchmark compares both states; ingestion leaves merging to Lucene, see decision 0405). */
  public synchronized void optimize() {
    try {
      writer.forceMerge(1);
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot merge the knowledge index: " + e.getMessage(), e);
    }
  }

  /** Chunk count per document id, as the index sees it (for the crash-consistency check). */
  public Map<Long, Integer> chunksPerDocument() {
    return withSearcher(s -> {
      Map<Long, Integer> counts = new HashMap<>();
      TopDocs all = s.search(new MatchAllDocsQuery(), Math.max(1, s.getIndexReader().numDocs()));
      StoredFields fields = s.storedFields();
      for (ScoreDoc sd : all.scoreDocs) {
        String documentId = fields.document(sd.doc, Set.of(ChunkFields.DOC)).get(ChunkFields.DOC);
        counts.merge(Long.parseLong(documentId), 1, Integer::sum);
      }
      return counts;
    });
  }

  /** All chunk ids ("doc:ordinal") in the index, duplicates included. */
  public List<String> chunkIds() {
    return withSearcher(s -> {
      TopDocs all = s.search(new MatchAllDocsQuery(), Math.max(1, s.getIndexReader().numDocs()));
      StoredFields fields = s.storedFields();
      List<String> ids = new ArrayList<>();
      for (ScoreDoc sd : all.scoreDocs) {
        ids.add(fields.document(sd.doc, Set.of(ChunkFields.CHUNK)).get(ChunkFields.CHUNK));
      }
      return ids;
    });
  }

  /** Segments in the current reader; each one is a separate HNSW graph a vector query has to walk. */
  public int segmentCount() {
    return withSearcher(s -> s.getIndexReader().leaves().size());
  }

  public int size() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /**
   * Hybrid search: the top {@code candidates} of the vector search and of BM25 are fused by reciprocal rank, the
   * best {@value #RERANK_CANDIDATES} fused are reranked ({@link Reranker}), and the {@code k} best are returned,
   * at most one per stretch of a document (units whose contexts overlap would show the model the same text).
   *
   * @param collections collection ids to search; empty means all
   */
  public List<Hit> search(float[] queryVector, String queryText, Collection<Long> collections, int k,
      int candidates) {
    return search(queryVector, queryText, collections, k, candidates, new SearchTimings());
  }

  /** As {@link #search(float[], String, Collection, int, int)}, recording where the time went. */
  public List<Hit> search(float[] queryVector, String queryText, Collection<Long> collections, int k,
      int candidates, SearchTimings timings) {
    Query filter = HybridSearch.collectionFilter(collections);
    HybridSearch hybrid = hybridSearch;
    return withSearcher(s -> hybrid.run(s, queryVector, queryText, filter, k, candidates, timings));
  }

  /**
   * Vector search alone with an explicit search width, returning chunk ids ("doc:ordinal"); the benchmark
   * compares it with exact search.
   */
  public List<String> vectorSearch(float[] queryVector, int k, int searchWidth) {
    return withSearcher(s -> {
      TopDocs top = s.search(new KnnFloatVectorQuery(ChunkFields.VECTOR, queryVector, searchWidth), k);
      StoredFields fields = s.storedFields();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < Math.min(k, top.scoreDocs.length); i++) {
        ids.add(fields.document(top.scoreDocs[i].doc, Set.of(ChunkFields.CHUNK)).get(ChunkFields.CHUNK));
      }
      return ids;
    });
  }

  @FunctionalInterface
  private interface SearchFn<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearchFn<T> fn) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return fn.apply(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Knowledge index search failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      LOG.warn("Closing the knowledge index failed", e);
    }
  }

}
