package dev.tars.search;

import java.util.List;

/**
 * Something searchable: conversations, memories, documents. Implementations score with {@link Matcher} (or
 * an equivalent scale) so results of different sources interleave sensibly.
 */
@FunctionalInterface
public interface SearchSource {
  List<SearchHit> search(Query query, int limit);
}
