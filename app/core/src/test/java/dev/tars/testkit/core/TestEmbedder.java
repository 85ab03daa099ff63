package dev.tars.api;

import dev.tars.embedding.Embedder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A small deterministic embedder (hashed bag of words, unit length) for testing the embeddings wire format with
 * real clients; the model-backed embedder lives in the knowledge module.
 */
final class HashingEmbedder implements Embedder {
  static final int DIMENSION = 64;

  @Override
  public String modelName() {
    return "hashing-test-embedder";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    return texts.stream().map(this::embedQuery).toList();
  }

  @Override
  public float[] embedQuery(String text) {
    float[] vector = new float[DIMENSION];
    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (!word.isEmpty()) {
        int h = java.util.Arrays.hashCode(word.getBytes(StandardCharsets.UTF_8));
        vector[Math.floorMod(h, DIMENSION)] += (h & 1) == 0 ? 1 : -1;
      }
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (norm == 0) {
      vector[0] = 1;
      return vector;
    }
    for (int i = 0; i < DIMENSION; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    return vector;
  }

  @Override
  public void close() {}
}
