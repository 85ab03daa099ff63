package dev.tars.memory;

import dev.tars.embedding.Embedder;
import dev.tars.embedding.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses which memories go into a prompt. Pinned memories come first, newest first; then memories relevant
 * to the question, best first, where relevance is BM25 keyword overlap (normalized to 0..1 among the
 * candidates) blended half and half with embedding similarity when an embedder is available. Memories that
 * match neither way are left out. Memories are taken in that order while their estimated tokens fit the
 * budget; one that does not fit is skipped so a shorter one after it can still be used.
 */
public final class MemorySelector {
  private static final Logger LOG = LoggerFactory.getLogger(MemorySelector.class);
  /** Cosine similarity under which two texts count as unrelated (sentence embedders rarely go below ~0.3). */
  static final double MIN_SIMILARITY = 0.55;
  static final int MAX_MEMORIES = 24;
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /** One chosen memory and why. */
  public record Choice(Memory memory, double score, int tokens) {}

  /** What was chosen, and how many estimated tokens the lines take. */
  public record Selection(List<Choice> chosen, int tokens) {
    public List<Memory> memories() {
      return chosen.stream().map(Choice::memory).toList();
    }
  }

  private final Embedder embedder;
  private final Map<Long, CachedVector> vectors = new ConcurrentHashMap<>();

  private record CachedVector(String text, float[] vector) {}

  private record CachedTerms(String text, List<String> terms) {}

  private final Map<Long, CachedTerms> termCache = new ConcurrentHashMap<>();

  /** Words of a memory, computed once per text (normalizing is most of the selection's cost). */
  private List<String> termsOf(Memory m) {
    CachedTerms cached = termCache.get(m.id());
    if (cached == null || !cached.text().equals(m.text())) {
      cached = new CachedTerms(m.text(), Terms.of(m.text()));
      termCache.put(m.id(), cached);
    }
    return cached.terms();
  }

  /** @param embedder may be null: keyword matching only */
  public MemorySelector(Embedder embedder) {
    this.embedder = embedder;
  }

  /** Tokens one memory costs as a line of the prompt ({@code "- text\n"}). */
  public static int lineTokens(Memory memory) {
    return Tokens.estimate("- " + memory.text() + "\n");
  }

  public Selection select(List<Memory> candidates, String query, int budget) {
    Map<Long, Double> relevance = relevance(candidates, query);
    List<Memory> ordered = new ArrayList<>();
    candidates.stream().filter(Memory::pinned)
        .sorted(Comparator.comparing(Memory::updatedAt).reversed()).forEach(ordered::add);
    candidates.stream().filter(m -> !m.pinned() && relevance.getOrDefault(m.id(), 0.0) > 0)
        .sorted(Comparator.<Memory>comparingDouble(m -> relevance.get(m.id())).reversed()
            .thenComparing(Memory::updatedAt, Comparator.reverseOrder()))
        .forEach(ordered::add);
    List<Choice> chosen = new ArrayList<>();
    int used = 0;
    for (Memory memory : ordered) {
      int cost = lineTokens(memory);
      if (used + cost > budget) {
        continue;
      }
      chosen.add(new Choice(memory, relevance.getOrDefault(memory.id(), 0.0), cost));
      used += cost;
      if (chosen.size() == MAX_MEMORIES) {
        break;
      }
    }
    return new Selection(List.copyOf(chosen), used);
  }

  /** Relevance in 0..1 of each candidate to the query; 0 = unrelated. */
  Map<Long, Double> relevance(List<Memory> candidates, String query) {
    Map<Long, Double> keyword = keywordScores(candidates, Terms.of(query));
    Map<Long, Double> semantic = semanticScores(candidates, query);
    Map<Long, Double> result = new HashMap<>();
    for (Memory m : candidates) {
      double k = keyword.getOrDefault(m.id(), 0.0);
      if (semantic == null) {
        result.put(m.id(), k);
      } else {
        result.put(m.id(), 0.5 * k + 0.5 * semantic.getOrDefault(m.id(), 0.0));
      }
    }
    return result;
  }

  private Map<Long, Double> keywordScores(List<Memory> candidates, List<String> queryTerms) {
    Map<Long, Double> scores = new HashMap<>();
    if (queryTerms.isEmpty() || candidates.isEmpty()) {
      return scores;
    }
    Map<Long, List<String>> docs = new HashMap<>();
    Map<String, Integer> documentFrequency = new HashMap<>();
    double totalLength = 0;
    for (Memory m : candidates) {
      List<String> terms = termsOf(m);
      docs.put(m.id(), terms);
      totalLength += terms.size();
      for (String t : new HashSet<>(terms)) {
        documentFrequency.merge(t, 1, Integer::sum);
      }
    }
    double averageLength = Math.max(1, totalLength / candidates.size());
    int n = candidates.size();
    Set<String> unique = new HashSet<>(queryTerms);
    double best = 0;
    for (Memory m : candidates) {
      List<String> terms = docs.get(m.id());
      double score = 0;
      for (String q : unique) {
        long tf = terms.stream().filter(q::equals).count();
        if (tf == 0) {
          continue;
        }
        int df = documentFrequency.get(q);
        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * terms.size() / averageLength));
      }
      if (score > 0) {
        scores.put(m.id(), score);
        best = Math.max(best, score);
      }
    }
    double max = best;
    scores.replaceAll((id, s) -> s / max);
    return scores;
  }

  /** Similarities mapped to 0..1 above {@link #MIN_SIMILARITY}; null when there is no embedder or it failed. */
  private Map<Long, Double> semanticScores(List<Memory> candidates, String query) {
    if (embedder == null || query.isBlank() || candidates.isEmpty()) {
      return null;
    }
    try {
      float[] q = embedder.embedQuery(query);
      Map<Long, Double> scores = new HashMap<>();
      for (Memory m : candidates) {
        CachedVector cached = vectors.get(m.id());
        if (cached == null || !cached.text().equals(m.text())) {
          cached = new CachedVector(m.text(), embedder.embedQuery(m.text()));
          vectors.put(m.id(), cached);
        }
        double similarity = Vectors.cosine(q, cached.vector());
        if (similarity > MIN_SIMILARITY) {
          scores.put(m.id(), (similarity - MIN_SIMILARITY) / (1 - MIN_SIMILARITY));
        }
      }
      return scores;
    } catch (Exception e) {
      // Keywords still work; semantic matching is a bonus.
      LOG.warn("Embedding memories failed; matching them by keywords only", e);
      return null;
    }
  }
}
