package dev.tars.bench.knowledge;

import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.index.SearchTimings;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.util.VectorUtil;

/**
 * Knowledge benchmark; prints figures, asserts nothing. Run by {@code ./tars bench} (the {@code bench} profile of app/benchmarks; see
 * docs/benchmarks.md).
 *
 * <p>Over 400 lines on purpose: a benchmark reads best as one script, each figure next to the reference it is
 * compared with; the corpus it builds on stands apart ({@link RealCorpus}).
 *
 * <ol>
 *   <li>Ingestion of real documents (Debian's /usr/share/doc) through the whole pipeline (parse, chunk, embed,
 *       index, H2) against raw embedding of the same chunks with the same model and workers, in the same run.
 *   <li>Retrieval at 100k chunks: recall@10 of the HNSW search against exact (brute-force) search on the same
 *       vectors, and latency p50/p95 of what {@code retrieve()} does (query embedding + hybrid search), split
 *       into its parts. The corpus is {@link RealCorpus real passages with real embeddings}, topped up to 100k by
 *       {@link #synthesize derived passages}; the index is built the way ingestion builds it (one commit per
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
  private static final int PER_DOC = 100;
  private static final int K = 10;
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
        ingestion(embedder, corpus, Long.getLong("bench.corpusKB", 600) * 1024, out);
      }
      retrieval(embedder, corpus, cache, out);
    }
    out.println("load at the end: " + load());
  }

  private static void ingestion(OnnxEmbedder embedder, Path corpus, long corpusBytes, PrintStream out)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("tars-knowledge-bench-");
    try {
      List<Path> files = pickFiles(corpus, corpusBytes);
      long bytes = 0;
      for (Path f : files) {
        bytes += Files.size(f);
      }
      List<String> texts = new ArrayList<>();
      double pipelineSeconds;
      int indexedDocs;
      int failedDocs;
      try (Database db = Database.open(work.resolve("db/tars"))) {
        KnowledgeService service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
            new KnowledgeIndex(work.resolve("index")), embedder,
            new DocumentParser(null), Chunker.standard(), 2);
        try {
          long t0 = System.nanoTime();
          service.add("bench", files);
          service.start();
          if (!service.awaitIdle(Duration.ofMinutes(30))) {
            throw new IllegalStateException("ingestion did not finish in 30 minutes");
          }
          pipelineSeconds = (System.nanoTime() - t0) / 1e9;
          var docs = service.documents(OptionalLong.empty());
          indexedDocs = (int) docs.stream().filter(d -> d.status().name().equals("INDEXED")).count();
          failedDocs = docs.size() - indexedDocs;
          for (var d : docs) {
            for (Chunk c : service.chunks(d.id())) {
              texts.add(c.text());
            }
          }
        } finally {
          service.close();
        }
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < texts.size(); i += 32) {
        embedder.embedPassages(texts.subList(i, Math.min(texts.size(), i + 32)));
      }
      double rawSeconds = (System.nanoTime() - t1) / 1e9;
      double pipelineRate = texts.size() / pipelineSeconds;
      double rawRate = texts.size() / rawSeconds;
      out.printf(Locale.ROOT, "corpus: %d files, %.2f MB from %s (%d indexed, %d refused with a reason)%n",
          files.size(), bytes / 1e6, corpus, indexedDocs, failedDocs);
      out.printf(Locale.ROOT, "ingestion pipeline: %d chunks in %.1f s = %.1f chunks/s, %.2f MB/min%n",
          texts.size(), pipelineSeconds, pipelineRate, bytes / 1e6 / pipelineSeconds * 60);
      out.printf(Locale.ROOT, "raw embedding (same chunks, same model, 2 workers): %.1f chunks/s%n", rawRate);
      out.printf(Locale.ROOT, "pipeline / raw embedding = %.2f (target >= 0.80)%n", pipelineRate / rawRate);
    } finally {
      deleteTree(work);
    }
  }

  /** The corpus the 100k-chunk index holds: vectors by global number g, chunk id {@code g/100 : g%100}. */
  private record Corpus(float[][] vectors, String[] texts) {}

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
    Corpus corpus = synthesize(real, total, partner, noise, new Random(42));
    out.printf(Locale.ROOT, "retrieval corpus: %d chunks = %d real passages with their real embeddings + %d derived "
        + "(each 50-100%% of a real passage + the rest of %s, + noise sigma %.4f/dim, re-normalised; "
        + "text = halves of both)%n", total, real.size(), total - real.size(),
        partner.equals("random") ? "a random real passage" : "one of its " + NEIGHBOURS + " nearest real passages",
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
    compareQueryThreads(embedder, cache, queries, out);
    long t0 = System.nanoTime();
    float[][] exactScores = new float[queryCount][];
    for (int q = 0; q < queryCount; q++) {
      exactScores[q] = exactTopScores(corpus.vectors, queryVectors.get(q), K);
    }
    double meanFirst = 0;
    double meanTenth = 0;
    for (float[] s : exactScores) {
      meanFirst += s[0] / queryCount;
      meanTenth += s[K - 1] / queryCount;
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
          for (int docStart = 0; docStart < total; docStart += PER_DOC) {
            List<IndexedChunk> batch = new ArrayList<>(PER_DOC);
            for (int j = 0; j < PER_DOC && docStart + j < total; j++) {
              String t = corpus.texts[docStart + j];
              batch.add(new IndexedChunk(new Chunk(j, 0, 0, t.length(), t), corpus.vectors[docStart + j]));
            }
            index.replace(docStart / PER_DOC, 1, "bench-" + docStart, batch);
          }
          double buildSeconds = (System.nanoTime() - b0) / 1e9;
          index.awaitMerges(Duration.ofMinutes(10));
          out.printf(Locale.ROOT, "%nHNSW maxConn %d, beamWidth %d: built %d chunks in %.1f s (+%.1f s for background "
              + "merges to finish), one commit per %d-chunk document, as ingestion does; %d segments%n",
              hnsw.maxConn(), hnsw.beamWidth(), index.size(), buildSeconds,
              (System.nanoTime() - b0) / 1e9 - buildSeconds, PER_DOC, index.segmentCount());
          measure(index, hnsw, embedder, queries, queryVectors, corpus, exactScores, out);
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
        measure(index, hnsw, embedder, queries, queryVectors, corpus, exactScores, out);
      }
    }
  }

  /** Query embedding with one intra-op thread (a worker's session) against the query session, interleaved. */
  private static void compareQueryThreads(OnnxEmbedder embedder, Path cache, List<String> queries, PrintStream out) {
    try (OnnxEmbedder single = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache.resolve("models"), 1, 1)) {
      int n = queries.size();
      long[] one = new long[n];
      long[] many = new long[n];
      for (int q = 0; q < Math.min(n, 30); q++) {
        single.embedQuery(queries.get(q));
        embedder.embedQuery(queries.get(q));
      }
      for (int q = 0; q < n; q++) {
        long s = System.nanoTime();
        single.embedQuery(queries.get(q));
        long m = System.nanoTime();
        embedder.embedQuery(queries.get(q));
        one[q] = m - s;
        many[q] = System.nanoTime() - m;
      }
      Arrays.sort(one);
      Arrays.sort(many);
      out.printf(Locale.ROOT, "query embedding, interleaved at load %s: 1 thread p50 %.2f ms p95 %.2f ms; %d threads "
          + "(query session) p50 %.2f ms p95 %.2f ms%n", load(), pct(one, 50), pct(one, 95),
          OnnxEmbedder.DEFAULT_QUERY_THREADS, pct(many, 50), pct(many, 95));
    }
  }

  /**
   * Derived passages stay inside the space real embeddings occupy: a weighted mix of a real passage (50-100%)
   * and a partner plus a little isotropic noise, re-normalised. With {@code partner = neighbour} the partner is
   * one of the passage's {@link #NEIGHBOURS} nearest real passages, so a derived passage reads like another text
   * on the same topic (as more documents of a kind fill in the space between existing ones); with {@code random}
   * it is any real passage, a harsher stress case of unrelated topics glued together. Uniform random vectors
   * would be the worst case for HNSW and unlike anything a text embedding model produces.
   */
  private static Corpus synthesize(RealCorpus real, int total, String partner, double noise, Random random) {
    int n = real.size();
    int dim = real.vectors[0].length;
    int[][] near = partner.equals("random") ? null : nearestReal(real.vectors);
    float[][] vectors = new float[total][];
    String[] texts = new String[total];
    for (int g = 0; g < total; g++) {
      if (g < n) {
        vectors[g] = real.vectors[g];
        texts[g] = real.texts.get(g);
        continue;
      }
      int a = random.nextInt(n);
      int b = near == null ? random.nextInt(n) : near[a][random.nextInt(NEIGHBOURS)];
      float w = 0.5f + 0.5f * random.nextFloat();
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = w * real.vectors[a][d] + (1 - w) * real.vectors[b][d] + (float) (random.nextGaussian() * noise);
      }
      normalise(v);
      vectors[g] = v;
      String ta = real.texts.get(a);
      String tb = real.texts.get(b);
      texts[g] = ta.substring(0, ta.length() / 2) + " " + tb.substring(tb.length() / 2);
    }
    return new Corpus(vectors, texts);
  }

  private static final int NEIGHBOURS = 10;

  private static int[][] nearestReal(float[][] real) {
    int[][] near = new int[real.length][NEIGHBOURS];
    for (int i = 0; i < real.length; i++) {
      float[] best = new float[NEIGHBOURS];
      Arrays.fill(best, Float.NEGATIVE_INFINITY);
      for (int j = 0; j < real.length; j++) {
        if (j == i) {
          continue;
        }
        float s = VectorUtil.dotProduct(real[i], real[j]);
        if (s > best[NEIGHBOURS - 1]) {
          int pos = NEIGHBOURS - 1;
          while (pos > 0 && best[pos - 1] < s) {
            best[pos] = best[pos - 1];
            near[i][pos] = near[i][pos - 1];
            pos--;
          }
          best[pos] = s;
          near[i][pos] = j;
        }
      }
    }
    return near;
  }

  private static void measure(KnowledgeIndex index, KnowledgeIndex.Hnsw hnsw, OnnxEmbedder embedder, List<String> queries,
      List<float[]> queryVectors, Corpus corpus, float[][] exactScores, PrintStream out) {
    int n = queries.size();
    int k = 20;
    int candidates = KnowledgeService.CANDIDATES;
    for (int w = 0; w < 50; w++) {
      String q = queries.get(w % n);
      index.search(embedder.embedQuery(q), q, List.of(), k, candidates);
    }
    for (int c : new int[] {10, 50, 100, 200, 400, 800, 1600}) {
      double recall = 0;
      double[] miss = new double[2];
      long[] times = new long[n];
      for (int q = 0; q < n; q++) {
        long s = System.nanoTime();
        List<String> ids = index.vectorSearch(queryVectors.get(q), K, c);
        times[q] = System.nanoTime() - s;
        recall += recall(ids, corpus.vectors, queryVectors.get(q), exactScores[q], miss);
      }
      Arrays.sort(times);
      out.printf(Locale.ROOT, "  recall@10 vs exact, HNSW search width %3d: %.4f  (misses score %.4f below the 10th "
          + "exact on average; vector search p50 %.2f ms, p95 %.2f ms)%s%n", c, recall / n,
          miss[0] == 0 ? 0 : miss[1] / miss[0], pct(times, 50), pct(times, 95),
          c == Math.max(candidates, hnsw.searchWidth()) ? "  <- what retrieval uses; target >= 0.98" : "");
    }
    String load = load();
    long[] embed = new long[n];
    long[] vector = new long[n];
    long[] keyword = new long[n];
    long[] fuse = new long[n];
    long[] rerank = new long[n];
    long[] total = new long[n];
    long[] cpu = new long[n];
    long[] processCpu = new long[n];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int q = 0; q < n; q++) {
      SearchTimings t = new SearchTimings();
      long p0 = os.getProcessCpuTime();
      long c0 = mx.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      float[] qv = embedder.embedQuery(queries.get(q));
      long e = System.nanoTime();
      index.search(qv, queries.get(q), List.of(), k, candidates, t);
      total[q] = System.nanoTime() - s;
      cpu[q] = mx.getCurrentThreadCpuTime() - c0;
      processCpu[q] = os.getProcessCpuTime() - p0;
      embed[q] = e - s;
      vector[q] = t.vectorNanos();
      keyword[q] = t.keywordNanos();
      fuse[q] = t.fuseNanos();
      rerank[q] = t.rerankNanos();
    }
    for (long[] a : List.of(embed, vector, keyword, fuse, rerank, total, cpu, processCpu)) {
      Arrays.sort(a);
    }
    out.printf(Locale.ROOT, "  retrieval as retrieve() does it (embed query, HNSW width %d, hybrid k=%d of %d+%d "
        + "candidates, best %d fused reranked), %d queries at load %s:%n", Math.max(candidates, hnsw.searchWidth()), k,
        candidates, candidates, KnowledgeIndex.RERANK_CANDIDATES, n, load);
    out.printf(Locale.ROOT, "    total        p50 %6.2f ms  p95 %6.2f ms   (target p95 <= 50 ms with reranking)%n",
        pct(total, 50), pct(total, 95));
    out.printf(Locale.ROOT, "    query embed  p50 %6.2f ms  p95 %6.2f ms%n", pct(embed, 50), pct(embed, 95));
    out.printf(Locale.ROOT, "    vector HNSW  p50 %6.2f ms  p95 %6.2f ms%n", pct(vector, 50), pct(vector, 95));
    out.printf(Locale.ROOT, "    BM25         p50 %6.2f ms  p95 %6.2f ms%n", pct(keyword, 50), pct(keyword, 95));
    out.printf(Locale.ROOT, "    fuse + read  p50 %6.2f ms  p95 %6.2f ms%n", pct(fuse, 50), pct(fuse, 95));
    out.printf(Locale.ROOT, "    rerank       p50 %6.2f ms  p95 %6.2f ms%n", pct(rerank, 50), pct(rerank, 95));
    out.printf(Locale.ROOT, "    CPU time of the calling thread p50 %6.2f ms  p95 %6.2f ms (what load cannot inflate)%n",
        pct(cpu, 50), pct(cpu, 95));
    out.printf(Locale.ROOT, "    CPU time of the whole process p50 %6.2f ms  p95 %6.2f ms (+ ONNX Runtime's query thread, "
        + "GC, JIT)%n", pct(processCpu, 50), pct(processCpu, 95));
  }

  /**
   * Tie-aware: a returned chunk counts when its true similarity reaches the 10th exact one. {@code miss} adds up
   * the count and the similarity shortfall of the returned chunks that do not, to show how near the misses are.
   */
  private static double recall(List<String> ids, float[][] vectors, float[] q, float[] exact, double[] miss) {
    int good = 0;
    for (String id : ids) {
      int colon = id.indexOf(':');
      int g = Integer.parseInt(id.substring(0, colon)) * PER_DOC + Integer.parseInt(id.substring(colon + 1));
      float s = VectorUtil.dotProduct(vectors[g], q);
      if (s >= exact[K - 1] - 1e-6f) {
        good++;
      } else {
        miss[0]++;
        miss[1] += exact[K - 1] - s;
      }
    }
    return Math.min(good, K) / (double) K;
  }

  private static float[] exactTopScores(float[][] all, float[] q, int k) {
    float[] scores = new float[k];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (float[] v : all) {
      float s = VectorUtil.dotProduct(v, q);
      if (s > scores[k - 1]) {
        int pos = k - 1;
        while (pos > 0 && scores[pos - 1] < s) {
          scores[pos] = scores[pos - 1];
          pos--;
        }
        scores[pos] = s;
      }
    }
    return scores;
  }

  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static List<Path> pickFiles(Path corpus, long budget) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(corpus)) {
      all = walk.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
    // Spread the picks over the whole tree (every n-th file) rather than the first packages alphabetically.
    List<Path> picked = new ArrayList<>();
    long total = 0;
    int step = Math.max(1, all.size() / Math.max(1, (int) (budget / 2048)));
    for (int i = 0; i < all.size() && total < budget; i += step) {
      long size = Files.size(all.get(i));
      if (size > 0 && size < 64 * 1024) {
        picked.add(all.get(i));
        total += size;
      }
    }
    return picked;
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }

  private static void normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float n = (float) Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

}
