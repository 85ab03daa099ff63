package dev.tars.knowledge.index;

import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.lang.Language;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.index.Term;

/**
 * Reorders the fused candidates by how well each small unit itself answers the question. Reciprocal rank fusion
 * only knows ranks; here each candidate is scored on
 * <ul>
 *   <li>the cosine between the question's and the unit's vectors (how close in meaning),
 *   <li>the share of the question's words (weighted by rarity, IDF) that the unit holds,
 *   <li>the same share for its best sentence, which favours a unit stating the fact in one place over one that
 *       mentions the words scattered, and
 *   <li>the share found in its document's title and section headings ("how do I back up" and a section
 *       "Backups"), and
 *   <li>whether it is written in the question's language (a person asking in Spanish wants the Spanish page
 *       rather than its English twin), and
 *   <li>the best score of any candidate of its document: a unit that only lists "TCP 64738" under "Port
 *       Forwarding" belongs to the voice chat page because another unit of that page matches "voice chat".
 * </ul>
 * and the fused rank stays as one signal among them. No cross-encoder can be had from Maven Central (the
 * in-process models there are embedders only), so this is the light reranker issue 19 asks for; its weights
 * were set on the tune half of the retrieval test set (docs/decisions/1301-passage-shape-and-reranking.md).
 * Thread-safe (stateless apart from its weights).
 */
public final class Reranker {
  /** Weights of the signals above, in the order they are listed, plus the fused rank's. */
  public record Weights(double cosine, double unitWords, double sentenceWords, double headingWords, double fused,
      double sameLanguage, double document) {
    public static final Weights DEFAULT = new Weights(1.0, 0.5, 0.2, 0.25, 0.7, 0.3, 0.3);
    public static final Weights OFF = new Weights(0, 0, 0, 0, 1, 0, 0);
  }

  /** A fused candidate with what reranking reads. */
  static final class Candidate {
    final int docId;
    final double fused;
    float[] vector;
    String field;
    Language language;
    long documentId;
    String unit;
    int unitStart;
    String titleAndHeading;
    double score;
    double headingShare;
    Set<String> unitTerms = Set.of();
    int highlightStart;
    int highlightEnd;

    Candidate(int docId, double fused) {
      this.docId = docId;
      this.fused = fused;
    }
  }

  private final Analysis analysis;
  private final Weights weights;

  Reranker(Analysis analysis, Weights weights) {
    this.analysis = analysis;
    this.weights = weights;
  }

  /**
   * Scores every candidate and sets the sentence to highlight; {@code queryTerms} maps each text field to the
   * question's terms in that field's analysis.
   */
  void score(IndexReader reader, float[] queryVector, Map<String, List<String>> queryTerms, Language queryLanguage,
      List<Candidate> candidates) throws IOException {
    double maxFused = candidates.stream().mapToDouble(c -> c.fused).max().orElse(1);
    Map<String, Map<String, Double>> idf = new java.util.HashMap<>();
    for (Map.Entry<String, List<String>> e : queryTerms.entrySet()) {
      Map<String, Double> weightsOfField = new java.util.HashMap<>();
      int docs = Math.max(1, reader.numDocs());
      for (String t : e.getValue()) {
        int df = reader.docFreq(new Term(e.getKey(), t));
        weightsOfField.put(t, Math.log(1 + (docs - df + 0.5) / (df + 0.5)));
      }
      idf.put(e.getKey(), weightsOfField);
    }
    for (Candidate c : candidates) {
      Map<String, Double> termWeights = idf.getOrDefault(c.field, Map.of());
      double total = termWeights.values().stream().mapToDouble(Double::doubleValue).sum();
      c.unitTerms = new HashSet<>(analysis.terms(c.field, c.unit));
      double unitShare = share(c.unitTerms, termWeights, total);
      double headingShare = share(c.field, c.titleAndHeading, termWeights, total);
      c.headingShare = headingShare;
      double bestSentence = -1;
      c.highlightStart = c.unitStart;
      c.highlightEnd = c.unitStart + c.unit.length();
      for (int[] s : Chunker.sentenceSpans(c.unit)) {
        double sentenceShare = share(c.field, c.unit.substring(s[0], s[1]), termWeights, total);
        if (sentenceShare > bestSentence) {
          bestSentence = sentenceShare;
          c.highlightStart = c.unitStart + s[0];
          c.highlightEnd = c.unitStart + s[1];
        }
      }
      double cosine = c.vector == null ? 0 : dot(queryVector, c.vector);
      c.score = weights.cosine() * cosine + weights.unitWords() * unitShare
          + weights.sentenceWords() * Math.max(0, bestSentence) + weights.headingWords() * headingShare
          + weights.fused() * c.fused / maxFused
          + (queryLanguage != Language.OTHER && c.language == queryLanguage ? weights.sameLanguage() : 0);
    }
    if (weights.document() != 0) {
      Map<Long, Double> bestOfDocument = new java.util.HashMap<>();
      for (Candidate c : candidates) {
        bestOfDocument.merge(c.documentId, c.score, Math::max);
      }
      for (Candidate c : candidates) {
        c.score += weights.document() * bestOfDocument.get(c.documentId);
      }
    }
    if (weights.headingWords() > 0) {
      preferTitledCopies(candidates);
    }
  }

  /** Units sharing at least this share of their words (Jaccard) are copies of one paragraph. */
  static final double COPY_SIMILARITY = 0.6;

  /**
   * The same paragraph on several pages (a manual's "Port Forwarding" boilerplate with only the port changed,
   * licence notes) scores alike on its words and meaning, so which page's copy comes first is decided by small
   * differences in fused rank. The text cannot tell the pages apart; their titles and headings can: among
   * copies of one paragraph (units whose words overlap by {@value #COPY_SIMILARITY} or more), the copy whose
   * title and headings hold most of the question's words takes the best score of the copies, and the copy
   * that had it takes the titled copy's score.
   */
  static void preferTitledCopies(List<Candidate> candidates) {
    List<List<Candidate>> groups = new ArrayList<>();
    for (Candidate c : candidates) {
      List<Candidate> home = null;
      for (List<Candidate> g : groups) {
        if (jaccard(g.getFirst().unitTerms, c.unitTerms) >= COPY_SIMILARITY) {
          home = g;
          break;
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        groups.add(home);
      }
      home.add(c);
    }
    for (List<Candidate> group : groups) {
      if (group.size() < 2) {
        continue;
      }
      Candidate best = group.getFirst();
      Candidate titled = group.getFirst();
      for (Candidate c : group) {
        best = c.score > best.score ? c : best;
        titled = c.headingShare > titled.headingShare
            || (c.headingShare == titled.headingShare && c.score > titled.score) ? c : titled;
      }
      if (titled != best && titled.headingShare > best.headingShare) {
        double top = best.score;
        best.score = titled.score;
        titled.score = top;
      }
    }
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int both = 0;
    for (String t : a) {
      if (b.contains(t)) {
        both++;
      }
    }
    return both / (double) (a.size() + b.size() - both);
  }

  /** Reads the candidates' vectors (BM25-only candidates have no vector score yet). */
  static void readVectors(IndexSearcher searcher, String field, List<Candidate> pool) throws IOException {
    List<Candidate> byDoc = new ArrayList<>(pool);
    byDoc.sort(java.util.Comparator.comparingInt(c -> c.docId));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator it = null;
    for (Candidate c : byDoc) {
      int leaf = ReaderUtil.subIndex(c.docId, leaves);
      if (leaf != leafIndex) {
        leafIndex = leaf;
        values = leaves.get(leaf).reader().getFloatVectorValues(field);
        it = values == null ? null : values.iterator();
      }
      if (it == null) {
        continue;
      }
      int local = c.docId - leaves.get(leaf).docBase;
      int at = it.docID() >= local ? it.docID() : it.advance(local);
      if (at == local) {
        c.vector = values.vectorValue(it.index());
      }
    }
  }

  private double share(String field, String text, Map<String, Double> termWeights, double total) {
    if (total <= 0 || text.isEmpty()) {
      return 0;
    }
    return share(new HashSet<>(analysis.terms(field, text)), termWeights, total);
  }

  private static double share(Set<String> present, Map<String, Double> termWeights, double total) {
    if (total <= 0) {
      return 0;
    }
    double found = 0;
    for (Map.Entry<String, Double> e : termWeights.entrySet()) {
      if (present.contains(e.getKey())) {
        found += e.getValue();
      }
    }
    return found / total;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static List<Candidate> sorted(List<Candidate> candidates) {
    List<Candidate> out = new ArrayList<>(candidates);
    out.sort((a, b) -> Double.compare(b.score, a.score));
    return out;
  }
}
