package dev.tars.testkit.core;

import dev.tars.embedding.Embedder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The test kit's one fake {@link Embedder}, deterministic and instant: a hashed bag of words (unit length), or
 * vectors a test chooses. For the logic around embeddings (wire format, blending, ranking); the model-backed
 * embedder is tested in the knowledge module.
 */
public final class TestEmbedder implements Embedder {
  public static final int HASHING_DIMENSION = 64;

  private final String modelName;
  private final int dimension;
  private final Function<String, float[]> vectors;

  private TestEmbedder(String modelName, int dimension, Function<String, float[]> vectors) {
    this.modelName = modelName;
    this.dimension = dimension;
    this.vectors = vectors;
  }

  /** Texts sharing words get similar vectors ({@value #HASHING_DIMENSION} dimensions). */
  public static TestEmbedder hashing() {
    return new TestEmbedder("hashing-test-embedder", HASHING_DIMENSION, TestEmbedder::hash);
  }

  /** Each text gets the vector {@code vectors} gives it (of {@code dimension} values). */
  public static TestEmbedder of(int dimension, Function<String, float[]> vectors) {
    return new TestEmbedder("test-embedder", dimension, vectors);
  }

  @Override
  public String modelName() {
    return modelName;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    return texts.stream().map(this::embedQuery).toList();
  }

  @Override
  public float[] embedQuery(String text) {
    return vectors.apply(text);
  }

  private static float[] hash(String text) {
    float[] vector = new float[HASHING_DIMENSION];
    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (!word.isEmpty()) {
        int h = java.util.Arrays.hashCode(word.getBytes(StandardCharsets.UTF_8));
        vector[Math.floorMod(h, HASHING_DIMENSION)] += (h & 1) == 0 ? 1 : -1;
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
    for (int i = 0; i < HASHING_DIMENSION; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    return vector;
  }

  @Override
  public void close() {}
}
