package dev.tars.testkit;

import dev.tars.testkit.GgufWriter.ByteSink;
import dev.tars.testkit.GgufWriter.TensorData;
import dev.tars.testkit.GgufWriter.TensorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random-weight llama models that real llama.cpp loads and generates with, plus broken files for the
 * bad-input tests. Nothing here is committed: models are generated on first use.
 *
 * <p>The vocabulary is a SentencePiece one with byte fallback, the ChatML control tokens
 * ({@code <|im_end|>} is end-of-sequence) and English word pieces, and the file carries a ChatML
 * {@code tokenizer.chat_template}. Control and byte tokens get a zero output row, so sampling rarely ends a
 * generation early (tests and benchmarks can count on running to {@code max_tokens}) and the text is valid
 * UTF-8 made of word pieces.
 */
public final class TestModels {
  /** Bump when the generated files change, so cached copies are regenerated. */
  private static final int GENERATOR_VERSION = 1;
  private static final long SEED = 20250318L;

  public static final String CHATML_TEMPLATE =
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>'"
          + " + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

  public static final int UNK_ID = 0;
  public static final int BOS_ID = 1;
  public static final int EOS_ID = 4;

  private static final String SPACE = "\u2581";
  private static final String[] WORDS = (
      "the of and to a in is it you that he was for on are with as I his they be at one have this from or had by"
          + " hot word but what some we can out other were all there when up use your how said an each she which do"
          + " their time if will way about many then them write would like so these her long make thing see him two"
          + " has look more day could go come did number sound no most people my over know water than call first who"
          + " may down side been now find any new work part take get place made live where after back little only"
          + " round man year came show every good me give our under name very through just form sentence great think"
          + " say help low line differ turn cause much mean before move right boy old too same tell does set three"
          + " want air well also play small end put home read hand port large spell add even land here must big high"
          + " such follow act why ask men change went light kind off need house picture try us again animal point"
          + " mother world near build self earth father hello model answer question tars local chat token stream")
      .split(" ");

  private static Path tiny;

  private TestModels() {}

  /** A tiny model (about 1 MB, loads in well under a second), generated once per JVM in a temp folder. */
  public static synchronized Path tiny() {
    if (tiny == null) {
      try {
        Path dir = Files.createTempDirectory("tars-tiny-model");
        tiny = dir.resolve("tars-tiny.Q8_0.gguf");
        write(ModelShape.TINY, tiny);
        dir.toFile().deleteOnExit();
        tiny.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException("could not generate the tiny test model", e);
      }
    }
    return tiny;
  }

  /** A model with SmolLM-135M's dimensions (about 145 MB), generated once into {@link #cacheDir()}. */
  public static Path smolLm135m() {
    return cached(ModelShape.SMOLLM_135M);
  }

  /** A model with TinyLlama-1.1B's dimensions (about 1.2 GB), generated once into {@link #cacheDir()}. */
  public static Path tinyLlama1b() {
    return cached(ModelShape.TINYLLAMA_1_1B);
  }

  /**
   * Where larger generated models are kept between runs: {@code -Dtars.testkit.cache}, else
   * {@code java.io.tmpdir/tars-testkit-models}. Never inside the source tree.
   */
  public static Path cacheDir() {
    String configured = System.getProperty("tars.testkit.cache");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "tars-testkit-models");
  }

  /** Generates (once; later calls reuse the file) a model of {@code shape} into {@link #cacheDir()}. */
  public static synchronized Path cached(ModelShape shape) {
    Path file = cacheDir().resolve(shape.name() + "-ctx" + shape.contextLength() + "-v" + GENERATOR_VERSION + "."
        + shape.type() + ".gguf");
    if (!Files.isRegularFile(file)) {
      try {
        write(shape, file);
      } catch (IOException e) {
        throw new UncheckedIOException("could not generate test model " + file, e);
      }
    }
    return file;
  }

  /** Writes a random-weight llama model of {@code shape} to {@code file}. */
  public static void write(ModelShape shape, Path file) throws IOException {
    write(shape, file, "llama");
  }

  static void write(ModelShape shape, Path file, String architecture) throws IOException {
    Vocabulary vocab = Vocabulary.build(shape.vocabSize());
    int e = shape.embedding();
    int kv = shape.kvHeads() * shape.headDim();
    int ff = shape.feedForward();
    int v = shape.vocabSize();
    String arch = architecture;
    GgufWriter w = new GgufWriter()
        .putString("general.architecture", arch)
        .putString("general.name", shape.name())
        .putUint32("general.file_type", fileType(shape.type()))
        .putUint32("general.quantization_version", 2)
        .putUint32(arch + ".context_length", shape.contextLength())
        .putUint32(arch + ".embedding_length", e)
        .putUint32(arch + ".block_count", shape.layers())
        .putUint32(arch + ".feed_forward_length", ff)
        .putUint32(arch + ".attention.head_count", shape.heads())
        .putUint32(arch + ".attention.head_count_kv", shape.kvHeads())
        .putUint32(arch + ".rope.dimension_count", shape.headDim())
        .putFloat32(arch + ".rope.freq_base", 10000f)
        .putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-5f)
        .putUint32(arch + ".vocab_size", v)
        .putString("tokenizer.ggml.model", "llama")
        .putStringArray("tokenizer.ggml.tokens", vocab.tokens)
        .putFloat32Array("tokenizer.ggml.scores", vocab.scores)
        .putInt32Array("tokenizer.ggml.token_type", vocab.types)
        .putUint32("tokenizer.ggml.bos_token_id", BOS_ID)
        .putUint32("tokenizer.ggml.eos_token_id", EOS_ID)
        .putUint32("tokenizer.ggml.unknown_token_id", UNK_ID)
        .putUint32("tokenizer.ggml.padding_token_id", UNK_ID)
        .putBool("tokenizer.ggml.add_bos_token", false)
        .putBool("tokenizer.ggml.add_eos_token", false)
        .putBool("tokenizer.ggml.add_space_prefix", false)
        .putString("tokenizer.chat_template", CHATML_TEMPLATE);

    SplittableRandom seeds = new SplittableRandom(SEED);
    TensorType t = shape.type();
    double unit = 1.0 / Math.sqrt(e);
    w.addTensor("token_embd.weight", t, new long[] {e, v}, random(t, (long) e * v, 1.0, seeds.split()));
    w.addTensor("output_norm.weight", TensorType.F32, new long[] {e}, ones(e));
    // Logits with a spread of about 4 make sampling peaked; control tokens get zero rows (see class doc).
    w.addTensor("output.weight", t, new long[] {e, v},
        rowsZeroed(t, e, v, 4 * unit, vocab.nonTextIds(), seeds.split()));
    for (int i = 0; i < shape.layers(); i++) {
      String p = "blk." + i + ".";
      w.addTensor(p + "attn_norm.weight", TensorType.F32, new long[] {e}, ones(e));
      w.addTensor(p + "attn_q.weight", t, new long[] {e, e}, random(t, (long) e * e, unit, seeds.split()));
      w.addTensor(p + "attn_k.weight", t, new long[] {e, kv}, random(t, (long) e * kv, unit, seeds.split()));
      w.addTensor(p + "attn_v.weight", t, new long[] {e, kv}, random(t, (long) e * kv, unit, seeds.split()));
      w.addTensor(p + "attn_output.weight", t, new long[] {e, e}, random(t, (long) e * e, unit, seeds.split()));
      w.addTensor(p + "ffn_norm.weight", TensorType.F32, new long[] {e}, ones(e));
      w.addTensor(p + "ffn_gate.weight", t, new long[] {e, ff}, random(t, (long) e * ff, unit, seeds.split()));
      w.addTensor(p + "ffn_up.weight", t, new long[] {e, ff}, random(t, (long) e * ff, unit, seeds.split()));
      w.addTensor(p + "ffn_down.weight", t, new long[] {ff, e},
          random(t, (long) ff * e, 1.0 / Math.sqrt(ff), seeds.split()));
    }
    w.write(file);
  }

  // ---- broken files for bad-input tests ----

  /** A path in {@code dir} where no file exists. */
  public static Path missing(Path dir) {
    return dir.resolve("no-such-model.gguf");
  }

  /** A zero-byte file named like a model. */
  public static Path empty(Path dir) throws IOException {
    return Files.write(dir.resolve("empty.gguf"), new byte[0]);
  }

  /** A text file named like a model. */
  public static Path notGguf(Path dir) throws IOException {
    return Files.writeString(dir.resolve("notes.gguf"), "These are my shopping notes, not a model.\n".repeat(20),
        StandardCharsets.UTF_8);
  }

  /** The tiny model cut off half-way through its tensor data (as an interrupted download would be). */
  public static Path truncated(Path dir) throws IOException {
    byte[] whole = Files.readAllBytes(tiny());
    Path file = dir.resolve("truncated.gguf");
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
    return file;
  }

  /** A well-formed GGUF file whose architecture llama.cpp does not know ({@code foobar}). */
  public static Path unsupportedArchitecture(Path dir) throws IOException {
    Path file = dir.resolve("foobar.gguf");
    write(ModelShape.TINY, file, "foobar");
    return file;
  }

  // ---- tensor data ----

  private static int fileType(TensorType type) {
    return switch (type) {
      case F32 -> 0;
      case F16 -> 1;
      case Q8_0 -> 7;
    };
  }

  private static TensorData ones(int n) {
    return sink -> {
      ByteBuffer b = sink.reserve(n * 4);
      for (int i = 0; i < n; i++) {
        b.putFloat(1f);
      }
    };
  }

  /** Values uniform in [-a, a] with standard deviation {@code std}. */
  private static TensorData random(TensorType type, long count, double std, SplittableRandom rnd) {
    return rowsZeroed(type, count, 1, std, Set.of(), rnd);
  }

  private static TensorData rowsZeroed(
      TensorType type, long rowLength, long rows, double std, Set<Integer> zeroRows, SplittableRandom rnd) {
    float amplitude = (float) (std * Math.sqrt(3));
    return sink -> {
      for (long r = 0; r < rows; r++) {
        writeRow(type, rowLength, amplitude, zeroRows.contains((int) r), rnd, sink);
      }
    };
  }

  private static void writeRow(
      TensorType type, long length, float amplitude, boolean zero, SplittableRandom rnd, ByteSink sink)
      throws IOException {
    final int chunk = 1 << 14;
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(chunk, length - done);
      switch (type) {
        case F32 -> {
          ByteBuffer b = sink.reserve(n * 4);
          for (int i = 0; i < n; i++) {
            b.putFloat(zero ? 0f : (float) (rnd.nextDouble(-1, 1) * amplitude));
          }
        }
        case F16 -> {
          ByteBuffer b = sink.reserve(n * 2);
          for (int i = 0; i < n; i++) {
            b.putShort(Float.floatToFloat16(zero ? 0f : (float) (rnd.nextDouble(-1, 1) * amplitude)));
          }
        }
        case Q8_0 -> {
          ByteBuffer b = sink.reserve(n / 32 * 34);
          short scale = Float.floatToFloat16(zero ? 0f : amplitude / 127f);
          for (int block = 0; block < n / 32; block++) {
            b.putShort(scale);
            for (int i = 0; i < 32; i += 4) {
              int bits = rnd.nextInt();
              for (int k = 0; k < 4; k++) {
                // int8 in [-127, 127]; -128 is avoided as llama.cpp's quantizer never produces it
                int q = (byte) (bits >>> (8 * k));
                b.put((byte) (q == -128 ? -127 : q));
              }
            }
          }
        }
      }
      done += n;
    }
  }

  /** SentencePiece vocabulary: specials, byte fallback, characters, word pieces, then filler pieces. */
  private static final class Vocabulary {
    final List<String> tokens = new ArrayList<>();
    float[] scores;
    int[] types;

    static Vocabulary build(int size) {
      Vocabulary v = new Vocabulary();
      List<Integer> typeList = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      v.add("<unk>", 2, seen, typeList);
      v.add("<s>", 3, seen, typeList);
      v.add("</s>", 3, seen, typeList);
      v.add("<|im_start|>", 3, seen, typeList);
      v.add("<|im_end|>", 3, seen, typeList);
      for (int b = 0; b < 256; b++) {
        v.add(String.format("<0x%02X>", b), 6, seen, typeList);
      }
      v.add(SPACE, 1, seen, typeList);
      for (char c = 0x21; c < 0x7f; c++) {
        v.add(String.valueOf(c), 1, seen, typeList);
      }
      for (String word : WORDS) {
        // SentencePiece merges pairs of pieces, so every prefix must be a piece for the word to become one.
        for (String piece : new String[] {SPACE + word, word}) {
          for (int len = 2; len <= piece.length(); len++) {
            v.add(piece.substring(0, len), 1, seen, typeList);
          }
        }
      }
      if (v.tokens.size() > size) {
        throw new IllegalArgumentException("vocabulary needs at least " + v.tokens.size() + " tokens");
      }
      String consonants = "bcdfghjklmnprstvwz";
      String vowels = "aeiou";
      for (int n = 0; v.tokens.size() < size; n++) {
        StringBuilder filler = new StringBuilder(SPACE);
        int x = n;
        do {
          filler.append(consonants.charAt(x % consonants.length()));
          x /= consonants.length();
          filler.append(vowels.charAt(x % vowels.length()));
          x /= vowels.length();
        } while (x > 0);
        v.add(filler.toString(), 1, seen, typeList);
      }
      v.scores = new float[size];
      v.types = new int[size];
      for (int i = 0; i < size; i++) {
        v.scores[i] = typeList.get(i) == 1 ? -i : 0f;
        v.types[i] = typeList.get(i);
      }
      return v;
    }

    private void add(String token, int type, Set<String> seen, List<Integer> typeList) {
      if (seen.add(token)) {
        tokens.add(token);
        typeList.add(type);
      }
    }

    /** Unknown, control and byte tokens: never worth sampling from a random model. */
    Set<Integer> nonTextIds() {
      Set<Integer> ids = new java.util.HashSet<>();
      for (int i = 0; i < types.length; i++) {
        if (types[i] != 1) {
          ids.add(i);
        }
      }
      return ids;
    }
  }
}
