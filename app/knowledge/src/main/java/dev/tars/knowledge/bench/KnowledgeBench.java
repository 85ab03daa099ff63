package dev.tars.knowledge.bench;

import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.storage.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Knowledge benchmark; prints figures, asserts nothing.
 *
 * <ol>
 *   <li>Ingestion of real documents (Debian's /usr/share/doc) through the whole pipeline (parse, chunk, embed,
 *       index, H2) against raw embedding of the same chunks with the same model and workers, in the same run.
 *   <li>Retrieval latency (query embedding + hybrid search) and recall@10 of HNSW against exact search, at
 *       100k chunks. The 100k vectors are synthesized: each is a real embedding from step 1 plus Gaussian noise,
 *       re-normalised, so the set is clustered like real data (uniform random vectors say nothing about HNSW).
 * </ol>
 * System properties: {@code bench.corpus} (default /usr/share/doc), {@code bench.corpusKB} (default 600),
 * {@code bench.chunks} (default 100000), {@code bench.queries} (default 200), {@code bench.noise} (default 0.05).
 */
public final class KnowledgeBench {
  private KnowledgeBench() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(System.getProperty("bench.corpus", "/usr/share/doc"));
    long corpusBytes = Long.getLong("bench.corpusKB", 600) * 1024;
    int totalChunks = Integer.getInteger("bench.chunks", 100_000);
    int queries = Integer.getInteger("bench.queries", 200);
    double noise = Double.parseDouble(System.getProperty("bench.noise", "0.05"));
    PrintStream out = System.out;
    Path work = Files.createTempDirectory("tars-knowledge-bench-");
    out.println("== Tars knowledge benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ==");

    List<Path> files = pickFiles(corpus, corpusBytes);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, work.resolve("models"), 2)) {
      embedder.embedPassages(List.of("warm up the model", "and its two workers", "before timing", "anything"));

      // 1. Pipeline vs raw embedding.
      List<String> texts;
      List<float[]> vectors = new ArrayList<>();
      double pipelineSeconds;
      int indexedDocs;
      int failedDocs;
      try (Database db = Database.open(work.resolve("db/tars"))) {
        KnowledgeService service = new KnowledgeService(db.dataSource(), work.resolve("index"), embedder,
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
          texts = new ArrayList<>();
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
        vectors.addAll(embedder.embedPassages(texts.subList(i, Math.min(texts.size(), i + 32))));
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
      if (texts.isEmpty()) {
        return;
      }

      // 2. Retrieval at scale.
      Random random = new Random(42);
      int dim = embedder.dimension();
      float[][] all = new float[totalChunks][];
      long t2 = System.nanoTime();
      try (KnowledgeIndex index = new KnowledgeIndex(work.resolve("index-100k"))) {
        int perDoc = 100;
        // 100 chunks per synthetic document; exactTop() relies on this to name chunk ids.
        for (int docStart = 0; docStart < totalChunks; docStart += perDoc) {
          List<IndexedChunk> batch = new ArrayList<>(perDoc);
          for (int j = 0; j < perDoc && docStart + j < totalChunks; j++) {
            int g = docStart + j;
            int base = g % vectors.size();
            float[] v = vectors.get(base).clone();
            if (g >= vectors.size()) {
              // A point between two real embeddings plus noise: spread like real data, not a tight blob of
              // near-identical copies (which would make "exact top 10" a coin toss among ties).
              float[] other = vectors.get(random.nextInt(vectors.size()));
              float mix = random.nextFloat() * 0.5f;
              for (int d = 0; d < dim; d++) {
                v[d] += mix * other[d] + (float) (random.nextGaussian() * noise);
              }
              normalise(v);
            }
            all[g] = v;
            batch.add(new IndexedChunk(new Chunk(j, 0, 0, texts.get(base).length(), texts.get(base)), v));
          }
          index.replace(docStart / perDoc, 1, "synthetic-" + docStart, batch);
        }
        index.optimize();
        double buildSeconds = (System.nanoTime() - t2) / 1e9;
        out.printf(Locale.ROOT, "index: %d chunks (%d real embeddings, the rest each a real one mixed with up to 50%% of another "
            + "+ noise sigma %.3f/dim), built and merged "
            + "in %.1f s%n", index.size(), vectors.size(), noise, buildSeconds);

        List<String> queryTexts = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
          String[] words = texts.get(random.nextInt(texts.size())).split("\\s+");
          int from = words.length > 12 ? random.nextInt(words.length - 10) : 0;
          queryTexts.add(String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + 8))));
        }
        for (int w = 0; w < 20; w++) {
          index.search(embedder.embedQuery(queryTexts.get(w)), queryTexts.get(w), List.of(), 10,
              KnowledgeService.CANDIDATES);
        }
        long[] latencies = new long[queries];
        List<float[]> queryVectors = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
          long s = System.nanoTime();
          float[] qv = embedder.embedQuery(queryTexts.get(q));
          index.search(qv, queryTexts.get(q), List.of(), 10, KnowledgeService.CANDIDATES);
          latencies[q] = System.nanoTime() - s;
          queryVectors.add(qv);
        }
        long[] searchOnly = new long[queries];
        for (int q = 0; q < queries; q++) {
          long s = System.nanoTime();
          index.search(queryVectors.get(q), queryTexts.get(q), List.of(), 10, KnowledgeService.CANDIDATES);
          searchOnly[q] = System.nanoTime() - s;
        }
        Arrays.sort(latencies);
        Arrays.sort(searchOnly);
        out.printf(Locale.ROOT, "retrieval at %d chunks, query embedding + hybrid search (k=10): p50 %.1f ms, "
            + "p95 %.1f ms (target p95 <= 30 ms)%n", totalChunks, pct(latencies, 50), pct(latencies, 95));
        out.printf(Locale.ROOT, "  of which hybrid search alone: p50 %.2f ms, p95 %.2f ms%n", pct(searchOnly, 50),
            pct(searchOnly, 95));

        for (int candidates : new int[] {10, 50, 100}) {
          double recall = 0;
          for (float[] qv : queryVectors) {
            Set<String> exact = exactTop(all, qv, 10);
            List<String> approx = index.vectorSearch(qv, 10, candidates);
            recall += approx.stream().filter(exact::contains).count() / 10.0;
          }
          out.printf(Locale.ROOT, "recall@10 of HNSW vs exact search, %d candidates: %.3f%s%n", candidates,
              recall / queryVectors.size(), candidates == KnowledgeService.CANDIDATES ? " (what retrieval uses; target >= 0.98)" : "");
        }
      }
    } finally {
      deleteTree(work);
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

  private static Set<String> exactTop(float[][] all, float[] q, int k) {
    int[] best = new int[k];
    float[] scores = new float[k];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < all.length; i++) {
      float s = 0;
      float[] v = all[i];
      for (int d = 0; d < q.length; d++) {
        s += v[d] * q[d];
      }
      if (s > scores[k - 1]) {
        int pos = k - 1;
        while (pos > 0 && scores[pos - 1] < s) {
          scores[pos] = scores[pos - 1];
          best[pos] = best[pos - 1];
          pos--;
        }
        scores[pos] = s;
        best[pos] = i;
      }
    }
    Set<String> ids = new HashSet<>();
    for (int i : best) {
      ids.add((i / 100) + ":" + (i % 100));
    }
    return ids;
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
