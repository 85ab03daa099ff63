package dev.tars.knowledge.index;

/**
 * Where one hybrid search spent its time, filled in by {@link KnowledgeIndex#search} when the caller passes one
 * (the benchmark does, to show which part of retrieval is slow). Not thread-safe: one per search.
 */
public final class SearchTimings {
  long vectorNanos;
  long keywordNanos;
  long fuseNanos;
  long rerankNanos;

  /** HNSW search of the candidates. */
  public long vectorNanos() {
    return vectorNanos;
  }

  /** BM25 search of the candidates (zero when the query has no searchable words). */
  public long keywordNanos() {
    return keywordNanos;
  }

  /** Reciprocal rank fusion plus reading the stored fields of the candidates that are reranked. */
  public long fuseNanos() {
    return fuseNanos;
  }

  /** Reading the candidates' vectors, scoring them ({@link Reranker}) and keeping one per passage. */
  public long rerankNanos() {
    return rerankNanos;
  }
}
