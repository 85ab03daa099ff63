package dev.tars.knowledge.index;

import static dev.tars.knowledge.index.ChunkFields.CONTEXT;
import static dev.tars.knowledge.index.ChunkFields.CONTEXT_END;
import static dev.tars.knowledge.index.ChunkFields.CONTEXT_START;
import static dev.tars.knowledge.index.ChunkFields.COLLECTION;
import static dev.tars.knowledge.index.ChunkFields.DOC;
import static dev.tars.knowledge.index.ChunkFields.END;
import static dev.tars.knowledge.index.ChunkFields.HEADING;
import static dev.tars.knowledge.index.ChunkFields.LANGUAGE;
import static dev.tars.knowledge.index.ChunkFields.ORDINAL;
import static dev.tars.knowledge.index.ChunkFields.PAGE;
import static dev.tars.knowledge.index.ChunkFields.PATH;
import static dev.tars.knowledge.index.ChunkFields.START;
import static dev.tars.knowledge.index.ChunkFields.UNIT;
import static dev.tars.knowledge.index.ChunkFields.VECTOR;
import static dev.tars.knowledge.index.ChunkFields.intField;

import dev.tars.knowledge.lang.Language;
import dev.tars.knowledge.lang.LanguageGuesser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The read path of a hybrid query on one searcher: vector and keyword candidates fused by reciprocal rank,
 * reranked, and cut to one hit per stretch of a document. {@link KnowledgeIndex#search} runs it on a searcher
 * it holds for the duration.
 */
final class HybridSearch {
  /** Reciprocal rank fusion constant from the original paper; dampens the weight of top ranks. */
  private static final int RRF_K = 60;

  private final Analysis analysis;
  private final Reranker reranker;
  private final int searchWidth;

  /** @param searchWidth the HNSW beam a vector query walks at least ({@link KnowledgeIndex.Hnsw#searchWidth()}) */
  HybridSearch(Analysis analysis, Reranker reranker, int searchWidth) {
    this.analysis = analysis;
    this.reranker = reranker;
    this.searchWidth = searchWidth;
  }

  static Query collectionFilter(Collection<Long> collections) {
    return collections.isEmpty() ? null : new TermInSetQuery(COLLECTION,
        collections.stream().map(id -> new BytesRef(Long.toString(id))).toList());
  }

  List<Hit> run(IndexSearcher s, float[] queryVector, String queryText, Query filter, int k, int candidates,
      SearchTimings timings) throws IOException {
    if (s.getIndexReader().numDocs() == 0) {
      return List.of();
    }
    long t0 = System.nanoTime();
    int width = Math.max(candidates, searchWidth);
    TopDocs vector = s.search(new KnnFloatVectorQuery(VECTOR, queryVector, width, filter), candidates);
    long t1 = System.nanoTime();
    Map<String, List<String>> queryTerms = analysis.queryTerms(queryText);
    Language queryLanguage = LanguageGuesser.guess(queryText);
    Query keywords = Analysis.keywordQuery(queryTerms, queryLanguage, filter);
    TopDocs text = keywords == null ? null : s.search(keywords, candidates);
    long t2 = System.nanoTime();
    List<Map.Entry<Integer, Double>> ranked = fuse(vector, text);
    StoredFields fields = s.storedFields();
    List<Reranker.Candidate> pool = new ArrayList<>();
    Map<Integer, Document> stored = new HashMap<>();
    int poolSize = Math.min(Math.max(k, KnowledgeIndex.RERANK_CANDIDATES), ranked.size());
    for (Map.Entry<Integer, Double> e : ranked.subList(0, poolSize)) {
      Document d = fields.document(e.getKey());
      stored.put(e.getKey(), d);
      pool.add(candidate(e.getKey(), e.getValue(), d));
    }
    long t3 = System.nanoTime();
    Reranker.readVectors(s, VECTOR, pool);
    reranker.score(s.getIndexReader(), queryVector, queryTerms, queryLanguage, pool);
    List<Hit> hits = onePerStretch(Reranker.sorted(pool), stored, k);
    timings.vectorNanos = t1 - t0;
    timings.keywordNanos = t2 - t1;
    timings.fuseNanos = t3 - t2;
    timings.rerankNanos = System.nanoTime() - t3;
    return hits;
  }

  /** Lucene doc ids by fused score, best first. */
  private static List<Map.Entry<Integer, Double>> fuse(TopDocs vector, TopDocs text) {
    Map<Integer, Double> fused = new HashMap<>();
    addRanks(fused, vector);
    if (text != null) {
      addRanks(fused, text);
    }
    List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(fused.entrySet());
    ranked.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
    return ranked;
  }

  private static void addRanks(Map<Integer, Double> fused, TopDocs top) {
    for (int rank = 0; rank < top.scoreDocs.length; rank++) {
      fused.merge(top.scoreDocs[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
    }
  }

  private static Reranker.Candidate candidate(int docId, double fusedScore, Document d) {
    Reranker.Candidate c = new Reranker.Candidate(docId, fusedScore);
    c.language = Language.ofCode(d.get(LANGUAGE));
    c.documentId = Long.parseLong(d.get(DOC));
    c.field = Analysis.field(c.language);
    c.unit = d.get(UNIT);
    c.unitStart = intField(d, START);
    c.titleAndHeading = ChunkFields.titleOf(d.get(PATH)) + "\n" + d.get(HEADING);
    return c;
  }

  /** The {@code k} best, skipping units whose contexts overlap a better one's: the model would see that text twice. */
  private static List<Hit> onePerStretch(List<Reranker.Candidate> best, Map<Integer, Document> stored, int k) {
    List<Hit> hits = new ArrayList<>();
    for (Reranker.Candidate c : best) {
      Document d = stored.get(c.docId);
      long documentId = Long.parseLong(d.get(DOC));
      int contextStart = intField(d, CONTEXT_START);
      int contextEnd = intField(d, CONTEXT_END);
      if (hits.stream().anyMatch(h -> h.documentId() == documentId && h.contextStart() < contextEnd
          && contextStart < h.contextEnd())) {
        continue;
      }
      hits.add(new Hit(documentId, Long.parseLong(d.get(COLLECTION)), d.get(PATH), intField(d, ORDINAL),
          intField(d, PAGE), c.unitStart, intField(d, END), c.unit, c.score, contextStart, contextEnd,
          d.get(CONTEXT), c.highlightStart, c.highlightEnd));
      if (hits.size() == k) {
        break;
      }
    }
    return hits;
  }
}
