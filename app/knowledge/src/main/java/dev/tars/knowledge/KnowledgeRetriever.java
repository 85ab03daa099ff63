package dev.tars.knowledge;

import java.util.Collection;
import java.util.List;

/**
 * What chat calls to ground an answer in the user's documents. Thread-safe; takes a few milliseconds (one
 * query embedding plus one hybrid search), so call it off the JavaFX thread.
 */
public interface KnowledgeRetriever {

  /**
   * The best passages for {@code query} from the given collections, best first, whose texts together fit in
   * {@code tokenBudget} tokens (estimated as characters / 4). Empty when nothing is indexed.
   *
   * @param collections collection ids to search; empty means all
   */
  List<Passage> retrieve(String query, Collection<Long> collections, int tokenBudget);
}
