package dev.tars.cli;

import dev.tars.api.KnowledgeSource;
import dev.tars.embedding.Embedder;
import dev.tars.knowledge.KnowledgeBase;
import java.util.List;

/**
 * Hands the knowledge base's embedding model and retriever to the local API, whose interfaces live in core and
 * the API module so that neither depends on the knowledge module.
 */
final class KnowledgeForApi {
  private KnowledgeForApi() {}

  /** The knowledge base's embedder; closing the returned view does nothing (the knowledge base owns it). */
  static Embedder embedder(KnowledgeBase knowledge) {
    dev.tars.knowledge.embed.Embedder model = knowledge.embedder();
    return new Embedder() {
      @Override
      public String modelName() {
        return model.modelName();
      }

      @Override
      public int dimension() {
        return model.dimension();
      }

      @Override
      public List<float[]> embedPassages(List<String> texts) {
        return model.embedPassages(texts);
      }

      @Override
      public float[] embedQuery(String query) {
        return model.embedQuery(query);
      }

      @Override
      public void close() {
        // owned by the knowledge base
      }
    };
  }

  static KnowledgeSource source(KnowledgeBase knowledge) {
    return (query, collections, tokenBudget) -> knowledge.retriever().retrieve(query, collections, tokenBudget)
        .stream()
        .map(p -> new KnowledgeSource.Passage(p.documentId(), p.collectionId(), p.path().toString(), p.page(),
            p.text(), p.score()))
        .toList();
  }
}
