package dev.tars.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One search over everything (Ctrl+K): asks each source, merges by score. A failing source is logged and
 * skipped so the others still answer. Blocking: call it off the UI thread.
 */
public final class SearchService {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
  static final Comparator<SearchHit> BEST_FIRST = Comparator.comparingDouble(SearchHit::score).reversed()
      .thenComparing(SearchHit::when, Comparator.nullsLast(Comparator.reverseOrder()));

  private final List<SearchSource> sources;

  /** @param sources e.g. {@link ConversationSearch}, {@link MemorySearch} and the knowledge module's documents */
  public SearchService(List<SearchSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public List<SearchHit> search(String text, int limit) {
    Query query = Query.of(text);
    if (query.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<SearchHit> all = new ArrayList<>();
    for (SearchSource source : sources) {
      try {
        all.addAll(source.search(query, limit));
      } catch (RuntimeException e) {
        LOG.warn("Search source {} failed; showing the others", source.getClass().getSimpleName(), e);
      }
    }
    all.sort(BEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }
}
