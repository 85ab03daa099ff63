package dev.tars.search;

import java.util.List;

/**
 * Finds passages of the user's documents for a question, so answers can cite them. It lives in core so that a
 * front end (the local API) and the knowledge module meet here without depending on each other: the knowledge
 * module provides it ({@code KnowledgeBaseSource}), the API consumes it; without one, requests that ask for
 * knowledge get a clear error.
 */
@FunctionalInterface
public interface KnowledgeSource {

  /**
   * A passage with what a citation shows.
   *
   * @param path the document's file
   * @param page 1-based page (slide, sheet), 0 when the format has no pages
   * @param score relevance, higher is better
   */
  record Passage(long documentId, long collectionId, String path, int page, String text, double score) {}

  /**
   * The best passages for {@code query}, best first, together within {@code tokenBudget} tokens.
   *
   * @param collections collection ids to search; empty means all
   */
  List<Passage> retrieve(String query, List<Long> collections, int tokenBudget);
}
