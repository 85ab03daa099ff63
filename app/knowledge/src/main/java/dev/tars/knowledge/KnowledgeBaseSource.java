package dev.tars.knowledge;

import dev.tars.search.KnowledgeSource;

/**
 * The knowledge base as core's {@link KnowledgeSource}: what front ends such as the local API search documents
 * through, so that neither they depend on this module nor this module on them.
 */
public final class KnowledgeBaseSource {
  private KnowledgeBaseSource() {}

  /** Passages from {@code knowledge}'s retriever, with their file as a path string. */
  public static KnowledgeSource of(KnowledgeBase knowledge) {
    return (query, collections, tokenBudget) -> knowledge.retriever().retrieve(query, collections, tokenBudget)
        .stream()
        .map(p -> new KnowledgeSource.Passage(p.documentId(), p.collectionId(), p.path().toString(), p.page(),
            p.text(), p.score()))
        .toList();
  }
}
