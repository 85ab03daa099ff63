package dev.tars.testkit;

import dev.tars.testkit.GgufWriter.TensorType;

/**
 * The dimensions of a generated llama-architecture model.
 *
 * @param name written as {@code general.name} and used in the cached file name
 * @param vocabSize tokens in the vocabulary (at least what the tokenizer pieces need, about 1100)
 * @param embedding hidden size (a multiple of 32 for Q8_0)
 * @param layers transformer blocks
 * @param heads attention (query) heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param feedForward feed-forward hidden size (a multiple of 32 for Q8_0)
 * @param contextLength {@code llama.context_length}
 * @param type element type of the 2-D weights (norms are always F32)
 */
public record ModelShape(
    String name, int vocabSize, int embedding, int layers, int heads, int kvHeads, int feedForward,
    int contextLength, TensorType type) {

  /** Loads in a fraction of a second; for tests. */
  public static final ModelShape TINY = new ModelShape("tars-tiny", 1536, 64, 2, 4, 2, 128, 2048, TensorType.Q8_0);

  /** The dimensions of SmolLM-135M (about 135 M parameters, tied embeddings), Q8_0. */
  public static final ModelShape SMOLLM_135M =
      new ModelShape("smollm-135m-shape", 49152, 576, 30, 9, 3, 1536, 2048, TensorType.Q8_0);

  /** The dimensions of TinyLlama-1.1B (about 1.1 B parameters), Q8_0. */
  public static final ModelShape TINYLLAMA_1_1B =
      new ModelShape("tinyllama-1.1b-shape", 32000, 2048, 22, 32, 4, 5632, 2048, TensorType.Q8_0);

  public ModelShape {
    if (embedding % heads != 0 || heads % kvHeads != 0) {
      throw new IllegalArgumentException("heads must divide the embedding and kv heads must divide heads");
    }
  }

  public int headDim() {
    return embedding / heads;
  }

  /** The same shape with another context length. */
  public ModelShape withContextLength(int tokens) {
    return new ModelShape(name, vocabSize, embedding, layers, heads, kvHeads, feedForward, tokens, type);
  }

  /** Parameters, counting the separate output matrix. */
  public long parameters() {
    long e = embedding;
    long kv = (long) kvHeads * headDim();
    long perLayer = 2 * e + e * e + 2 * e * kv + e * e + 3 * e * feedForward;
    return 2L * vocabSize * e + e + layers * perLayer;
  }
}
