package dev.tars.knowledge.embed;

import java.util.List;

/**
 * Turns text into unit-length vectors. Implementations are thread-safe; {@link #embedPassages} may spread a
 * batch over several workers. Extends core's embedder so the local API's {@code /v1/embeddings} takes it as is.
 */
public interface Embedder extends dev.tars.embedding.Embedder {

  /** Stable name stored with the index: a different name means the index must be re-embedded. */
  String modelName();

  int dimension();

  /** One vector per text, in the same order. */
  List<float[]> embedPassages(List<String> texts);

  /** A vector for a search query (some models want a query instruction in front). */
  float[] embedQuery(String query);

  @Override
  void close();
}
