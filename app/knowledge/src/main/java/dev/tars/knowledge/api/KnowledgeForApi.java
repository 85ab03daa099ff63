package dev.tars.knowledge.api;

import dev.tars.api.KnowledgeSource;
import dev.tars.embedding.Embedder;
import dev.tars.knowledge.KnowledgeBase;

/**
 * Hands the knowledge base's embedding model and retriever to the local API, whose interfaces live in core and
 * the API module so that neither depends on the knowledge module. Used by {@code tars serve} and by the desktop
 * app's local API switch. (This module depends on the API module optionally: only apps that serve the API
 * carry it.)
 */
public final class KnowledgeForApi {
  private KnowledgeForApi() {}

  /** The knowledge base's embedder (the knowledge base owns and closes it; the API never closes it). */
  public static Embedder embedder(KnowledgeBase knowledge) {
    return knowledge.embedder();
  }

  public static KnowledgeSource source(KnowledgeBase knowledge) {
    return (query, collections, tokenBudget) -> knowledge.retriever().retrieve(query, collections, tokenBudget)
        .stream()
        .map(p -> new KnowledgeSource.Passage(p.documentId(), p.collectionId(), p.path().toString(), p.page(),
            p.text(), p.score()))
        .toList();
  }
}
