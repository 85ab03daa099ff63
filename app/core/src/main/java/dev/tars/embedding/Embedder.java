package dev.tars.embedding;

import java.util.List;

/**
 * Turns text into unit-length vectors (the knowledge index, the local API's {@code /v1/embeddings}).
 * Implementations are thread-safe and may spread a batch over several workers.
 */
public interface Embedder extends AutoCloseable {

  /** Stable model name; a different name means stored vectors must be recomputed. */
  String modelName();

  int dimension();

  /** One vector per text, in the same order. */
  List<float[]> embedPassages(List<String> texts);

  /** A vector for a search query (some models want a query instruction in front). */
  float[] embedQuery(String query);

  @Override
  void close();
}
