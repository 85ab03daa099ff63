package dev.tars.bench.knowledge;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.tars.concurrent.NamedThreads;
import dev.tars.embedding.Vectors;
import dev.tars.knowledge.embed.OnnxEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Issue 18: Tars' passage embedder against the reference, LangChain4j's in-process bge-small-en-v1.5-q (same ONNX
 * file, same ONNX Runtime, same number of threads), on the same passages of ~1,200 characters. The two sides
 * alternate round by round (and which goes first alternates too), so a change in the machine's load hits both;
 * the spread of the per-round ratio and the load are printed. Also checks the vectors: Tars' vectors must be
 * equal to the ones it gives for each passage embedded alone, and close to the reference's.
 *
 * <p>Passages come from /usr/share/common-licenses (present on every Debian system). System properties:
 * {@code bench.embed.passages} (64), {@code bench.embed.rounds} (5), {@code bench.embed.threads} (2).
 */
public final class EmbeddingThroughputBench {
  private static final int PASSAGE_CHARS = 1_200;

  private EmbeddingThroughputBench() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    int count = Integer.getInteger("bench.embed.passages", 64);
    int rounds = Integer.getInteger("bench.embed.rounds", 5);
    int threads = Integer.getInteger("bench.embed.threads", 2);
    List<String> passages = passages(count);
    out.printf(Locale.ROOT, "== Embedding throughput: Tars vs LangChain4j bge-small-en-v1.5-q (%d passages of ~%d "
        + "characters, %d threads each, %d cores, load %s) ==%n", passages.size(), PASSAGE_CHARS, threads,
        Runtime.getRuntime().availableProcessors(), KnowledgeBench.load());
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "tars-bench-models");
    ExecutorService referenceThreads = Executors.newFixedThreadPool(threads, NamedThreads.named("lc4j-embed"));
    try (OnnxEmbedder tars = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache, threads, 1)) {
      var reference = new BgeSmallEnV15QuantizedEmbeddingModel(referenceThreads);
      List<TextSegment> segments = passages.stream().map(TextSegment::from).toList();
      // Warm-up: both sides once, untimed (JIT, ONNX Runtime's first-run allocations).
      List<float[]> tarsVectors = tars.embedPassages(passages);
      List<float[]> referenceVectors = reference.embedAll(segments).content().stream().map(e -> e.vector()).toList();
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        String loadBefore = KnowledgeBench.load().split(" ")[0];
        double tarsSeconds;
        double referenceSeconds;
        if (round % 2 == 1) {
          tarsSeconds = seconds(() -> tars.embedPassages(passages));
          referenceSeconds = seconds(() -> reference.embedAll(segments));
        } else {
          referenceSeconds = seconds(() -> reference.embedAll(segments));
          tarsSeconds = seconds(() -> tars.embedPassages(passages));
        }
        double ratio = referenceSeconds / tarsSeconds;
        ratios.add(ratio);
        out.printf(Locale.ROOT, "  round %d: Tars %.1f passages/s, LangChain4j %.1f passages/s, ratio %.2f "
            + "[load %s -> %s]%n", round, passages.size() / tarsSeconds, passages.size() / referenceSeconds, ratio,
            loadBefore, KnowledgeBench.load().split(" ")[0]);
      }
      List<Double> sorted = ratios.stream().sorted().toList();
      out.printf(Locale.ROOT, "Tars / LangChain4j throughput: min %.2f median %.2f max %.2f over %d rounds "
          + "(target >= 1.0), load %s%n", sorted.getFirst(), sorted.get(sorted.size() / 2), sorted.getLast(),
          rounds, KnowledgeBench.load());
      compareVectors(tars, passages, tarsVectors, referenceVectors, out);
    } finally {
      referenceThreads.shutdown();
    }
  }

  /** Tars' vectors against each passage embedded alone (must be equal) and against the reference's. */
  private static void compareVectors(OnnxEmbedder tars, List<String> passages, List<float[]> together,
      List<float[]> reference, PrintStream out) {
    double largestDifference = 0;
    double sumReference = 0;
    double minReference = 1;
    for (int i = 0; i < passages.size(); i++) {
      float[] alone = tars.embedPassages(List.of(passages.get(i))).getFirst();
      for (int d = 0; d < alone.length; d++) {
        largestDifference = Math.max(largestDifference, Math.abs(alone[d] - together.get(i)[d]));
      }
      double cosine = Vectors.cosine(together.get(i), reference.get(i));
      sumReference += cosine;
      minReference = Math.min(minReference, cosine);
    }
    out.printf(Locale.ROOT, "vectors: Tars in one call vs each passage alone, largest difference %.2e; "
        + "Tars vs LangChain4j cosine mean %.6f, min %.6f%n", largestDifference, sumReference / passages.size(),
        minReference);
  }

  private static double seconds(Runnable work) {
    long t0 = System.nanoTime();
    work.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Passages of about 1,200 characters, cut at a sentence end, from the licence texts Debian ships. */
  static List<String> passages(int count) throws IOException {
    List<String> out = new ArrayList<>();
    for (String name : List.of("GPL-3", "Apache-2.0", "MPL-2.0", "GFDL-1.3", "LGPL-2.1", "Artistic", "GPL-2")) {
      Path file = Path.of("/usr/share/common-licenses", name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
      int start = 0;
      while (out.size() < count && text.length() - start > PASSAGE_CHARS) {
        int end = text.indexOf(". ", start + PASSAGE_CHARS - 150);
        end = end < 0 || end > start + PASSAGE_CHARS + 150 ? start + PASSAGE_CHARS : end + 1;
        out.add(text.substring(start, end).strip());
        start = end;
      }
    }
    if (out.size() < count) {
      throw new IllegalStateException("only " + out.size() + " passages in /usr/share/common-licenses");
    }
    return out;
  }
}
