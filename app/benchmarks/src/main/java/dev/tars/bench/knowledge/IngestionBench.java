package dev.tars.bench.knowledge;

import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The first part of {@link KnowledgeBench}: real documents through the whole ingestion pipeline (parse, chunk,
 * embed, index, H2) against raw embedding of the same chunks with the same model and workers, in the same run.
 */
final class IngestionBench {
  private IngestionBench() {}

  static void run(OnnxEmbedder embedder, Path corpus, long corpusBytes, PrintStream out)
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
      KnowledgeBench.deleteTree(work);
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
}
