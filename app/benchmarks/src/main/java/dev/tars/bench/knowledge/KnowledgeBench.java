package dev.tars.bench.knowledge;

import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Knowledge benchmark; prints figures, asserts nothing. Run by {@code ./tars bench} (the {@code bench} profile of app/benchmarks; see
 * docs/benchmarks.md).
 *
 * <p>This class is the script: it sets the parts up and runs them in order. Ingestion is measured by
 * {@link IngestionBench}; the retrieval corpus is built by {@link RealCorpus} and {@link SyntheticCorpus}; the
 * retrieval figures are taken and printed, each next to its target, by {@link RetrievalMeasures}.
 *
 * <ol>
 *   <li>Ingestion of real documents (Debian's /usr/share/doc) through the whole pipeline (parse, chunk, embed,
 *       index, H2) against raw embedding of the same chunks with the same model and workers, in the same run.
 *   <li>Retrieval at 100k chunks: recall@10 of the HNSW search against exact (brute-force) search on the same
 *       vectors, and latency p50/p95 of what {@code retrieve()} does (query embedding + hybrid search), split
 *       into its parts. The corpus is {@link RealCorpus real passages with real embeddings}, topped up to 100k by
 *       {@link SyntheticCorpus derived passages}; the index is built the way ingestion builds it (one commit per
 *       document), measured as it stands and again after a merge to one segment.
 * </ol>
 * System properties: {@code bench.ingest} (default true), {@code bench.corpus} (default /usr/share/doc),
 * {@code bench.corpusKB} (ingestion corpus, default 600), {@code bench.real} (real passages, default 20000; docs/benchmarks.md uses 1000),
 * {@code bench.chunks} (default 100000), {@code bench.queries} (default 300), {@code bench.partner} (neighbour or
 * random, default neighbour), {@code bench.noise} (default 0.005), {@code bench.hnsw} (maxConn x beamWidth list,
 * default the shipped graph's, 32x200), {@code bench.width} (HNSW search width for the latency figures, default the index's), {@code bench.cache} (default
 * ~/.cache/tars-bench/knowledge: embedded passages and built indexes are kept there for reruns), {@code bench.rebuild}
 * (default false: build the index again even if cached).
 */
public final class KnowledgeBench {
  /**
   * Embedded passages and built indexes (hundreds of MB, and an hour of embedding on a busy machine) outlive
   * {@code mvn clean}: they depend only on the corpus, the model and the settings named in their file names.
   */
  static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "tars-bench", "knowledge");

  private KnowledgeBench() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(System.getProperty("bench.corpus", "/usr/share/doc"));
    Path cache = Path.of(System.getProperty("bench.cache", DEFAULT_CACHE.toString())).toAbsolutePath();
    PrintStream out = System.out;
    out.println("== Tars knowledge benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, load "
        + load() + ") ==");
    try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache.resolve("models"), 2)) {
      embedder.embedPassages(List.of("warm up the model", "and its two workers", "before timing", "anything"));
      if (Boolean.parseBoolean(System.getProperty("bench.ingest", "true"))) {
        IngestionBench.run(embedder, corpus, Long.getLong("bench.corpusKB", 600) * 1024, out);
      }
      retrieval(embedder, corpus, cache, out);
    }
    out.println("load at the end: " + load());
  }

  private static void retrieval(OnnxEmbedder embedder, Path root, Path cache, PrintStream out)
      throws IOException, InterruptedException {
    int total = Integer.getInteger("bench.chunks", 100_000);
    int realWanted = Math.min(total, Integer.getInteger("bench.real", 20_000));
    int queryCount = Integer.getInteger("bench.queries", 300);
    double noise = Double.parseDouble(System.getProperty("bench.noise", "0.005"));
    String partner = System.getProperty("bench.partner", "neighbour");
    boolean rebuild = Boolean.getBoolean("bench.rebuild");
    RealCorpus real = RealCorpus.loadOrBuild(cache.resolve("real-" + embedder.modelName() + ".bin"), embedder,
        root, realWanted, out);
    SyntheticCorpus corpus = SyntheticCorpus.synthesize(real, total, partner, noise, new Random(42));
    out.printf(Locale.ROOT, "retrieval corpus: %d chunks = %d real passages with their real embeddings + %d derived "
        + "(each 50-100%% of a real passage + the rest of %s, + noise sigma %.4f/dim, re-normalised; "
        + "text = halves of both)%n", total, real.size(), total - real.size(),
        partner.equals("random") ? "a random real passage" : "one of its " + SyntheticCorpus.NEIGHBOURS + " nearest real passages",
        noise);

    // Queries: 8-word snippets of real passages, as a person might half-remember a sentence.
    Random random = new Random(43);
    List<String> queries = new ArrayList<>();
    for (int q = 0; q < queryCount; q++) {
      String[] words = real.texts.get(random.nextInt(real.size())).split("\\s+");
      int from = words.length > 12 ? random.nextInt(words.length - 10) : 0;
      queries.add(String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + 8))));
    }
    List<float[]> queryVectors = new ArrayList<>();
    for (String q : queries) {
      queryVectors.add(embedder.embedQuery(q));
    }
    RetrievalMeasures.compareQueryThreads(embedder, cache, queries, out);
    long t0 = System.nanoTime();
    float[][] exactScores = new float[queryCount][];
    for (int q = 0; q < queryCount; q++) {
      exactScores[q] = RetrievalMeasures.exactTopScores(corpus.vectors(), queryVectors.get(q));
    }
    double meanFirst = 0;
    double meanTenth = 0;
    for (float[] s : exactScores) {
      meanFirst += s[0] / queryCount;
      meanTenth += s[RetrievalMeasures.K - 1] / queryCount;
    }
    out.printf(Locale.ROOT, "exact search: %d queries over %d vectors in %.1f s; mean similarity of the 1st / 10th "
        + "true neighbour %.3f / %.3f%n", queryCount, total, (System.nanoTime() - t0) / 1e9, meanFirst, meanTenth);

    KnowledgeIndex.Hnsw shipped = KnowledgeIndex.Hnsw.DEFAULT;
    for (String spec : System.getProperty("bench.hnsw", shipped.maxConn() + "x" + shipped.beamWidth()).split(",")) {
      String[] mb = spec.trim().split("x");
      KnowledgeIndex.Hnsw hnsw = new KnowledgeIndex.Hnsw(Integer.parseInt(mb[0]), Integer.parseInt(mb[1]),
          Integer.getInteger("bench.width", KnowledgeIndex.Hnsw.DEFAULT.searchWidth()));
      Path dir = cache.resolve(String.format(Locale.ROOT, "index-%d-%d-%s-%.4f-m%d-b%d", total, real.size(), partner, noise,
          hnsw.maxConn(), hnsw.beamWidth()));
      boolean cached = !rebuild && Files.exists(dir.resolve("done"));
      if (!cached && Files.exists(dir)) {
        deleteTree(dir);
      }
      try (KnowledgeIndex index = new KnowledgeIndex(dir, hnsw)) {
        if (!cached) {
          long b0 = System.nanoTime();
          corpus.writeTo(index);
          double buildSeconds = (System.nanoTime() - b0) / 1e9;
          index.awaitMerges(Duration.ofMinutes(10));
          out.printf(Locale.ROOT, "%nHNSW maxConn %d, beamWidth %d: built %d chunks in %.1f s (+%.1f s for background "
              + "merges to finish), one commit per %d-chunk document, as ingestion does; %d segments%n",
              hnsw.maxConn(), hnsw.beamWidth(), index.size(), buildSeconds,
              (System.nanoTime() - b0) / 1e9 - buildSeconds, SyntheticCorpus.PER_DOC, index.segmentCount());
          RetrievalMeasures.measure(index, hnsw, embedder, queries, queryVectors, corpus, exactScores, out);
          long m0 = System.nanoTime();
          index.optimize();
          out.printf(Locale.ROOT, "merged to %d segment in %.1f s%n", index.segmentCount(),
              (System.nanoTime() - m0) / 1e9);
          Files.createFile(dir.resolve("done"));
        } else {
          out.printf(Locale.ROOT, "%nHNSW maxConn %d, beamWidth %d: index read from %s (%d chunks, %d segment; "
              + "-Dbench.rebuild=true to build it again and measure it unmerged too)%n", hnsw.maxConn(),
              hnsw.beamWidth(), dir, index.size(), index.segmentCount());
        }
        RetrievalMeasures.measure(index, hnsw, embedder, queries, queryVectors, corpus, exactScores, out);
      }
    }
  }

  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
