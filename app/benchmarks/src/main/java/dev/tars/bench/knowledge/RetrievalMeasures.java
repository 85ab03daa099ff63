package dev.tars.bench.knowledge;

import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.index.SearchTimings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.util.VectorUtil;

/**
 * The measurements of {@link KnowledgeBench}'s retrieval part and how they are printed, each figure next to its
 * target: recall@10 of the HNSW search against exact search at several search widths, the latency of what
 * {@code retrieve()} does split into its parts, and query embedding with one thread against the query session.
 */
final class RetrievalMeasures {
  static final int K = 10;

  private RetrievalMeasures() {}

  /** Query embedding with one intra-op thread (a worker's session) against the query session, interleaved. */
  static void compareQueryThreads(OnnxEmbedder embedder, Path cache, List<String> queries, PrintStream out) {
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
          + "(query session) p50 %.2f ms p95 %.2f ms%n", KnowledgeBench.load(), pct(one, 50), pct(one, 95),
          OnnxEmbedder.DEFAULT_QUERY_THREADS, pct(many, 50), pct(many, 95));
    }
  }

  static void measure(KnowledgeIndex index, KnowledgeIndex.Hnsw hnsw, OnnxEmbedder embedder, List<String> queries,
      List<float[]> queryVectors, SyntheticCorpus corpus, float[][] exactScores, PrintStream out) {
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
        recall += recall(ids, corpus.vectors(), queryVectors.get(q), exactScores[q], miss);
      }
      Arrays.sort(times);
      out.printf(Locale.ROOT, "  recall@10 vs exact, HNSW search width %3d: %.4f  (misses score %.4f below the 10th "
          + "exact on average; vector search p50 %.2f ms, p95 %.2f ms)%s%n", c, recall / n,
          miss[0] == 0 ? 0 : miss[1] / miss[0], pct(times, 50), pct(times, 95),
          c == Math.max(candidates, hnsw.searchWidth()) ? "  <- what retrieval uses; target >= 0.98" : "");
    }
    String load = KnowledgeBench.load();
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
      float s = VectorUtil.dotProduct(vectors[SyntheticCorpus.indexOf(id)], q);
      if (s >= exact[K - 1] - 1e-6f) {
        good++;
      } else {
        miss[0]++;
        miss[1] += exact[K - 1] - s;
      }
    }
    return Math.min(good, K) / (double) K;
  }

  /** The similarities of the {@value #K} true nearest neighbours of {@code q}, best first. */
  static float[] exactTopScores(float[][] all, float[] q) {
    float[] scores = new float[K];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (float[] v : all) {
      float s = VectorUtil.dotProduct(v, q);
      if (s > scores[K - 1]) {
        int pos = K - 1;
        while (pos > 0 && scores[pos - 1] < s) {
          scores[pos] = scores[pos - 1];
          pos--;
        }
        scores[pos] = s;
      }
    }
    return scores;
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }
}
