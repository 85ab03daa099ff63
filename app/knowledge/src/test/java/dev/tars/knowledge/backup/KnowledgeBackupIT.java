package dev.tars.knowledge.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.BackupState;
import dev.tars.backup.PendingRestore;
import dev.tars.backup.RetentionPolicy;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.index.Hit;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge index is backed up while it is being written, verified with CheckIndex, and restored. */
class KnowledgeBackupIT {
  private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
  @TempDir Path home;

  @Test
  void anIndexBackedUpWhileWritingRestoresCleanAndAQuietOneGivesTheSameSearchResults() throws Exception {
    AppPaths paths = new AppPaths(home).ensureCreated();
    Database db = TestDatabase.open(paths);
    KnowledgeIndex index = new KnowledgeIndex(paths.knowledge().resolve("index"));
    BackupService service = BackupServices.standard(paths, db, List.of(index.backupSource("knowledge/index")),
        List.of(new LuceneIndexChecker()), () -> new BackupConfig(Duration.ofHours(1), new RetentionPolicy(10, 24, 7, 4), null),
        Clock.systemUTC(), "test");

    AtomicBoolean stop = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor(NamedThreads.named("test-indexer"));
    Future<Integer> written = writer.submit(() -> {
      Random random = new Random(7);
      int documents = 0;
      while (!stop.get()) {
        index.replace(documents, 1, "doc-" + documents + ".txt", chunks(documents, random));
        documents++;
        committed.set(documents);
        if (documents % 25 == 0) {
          index.optimize(); // merges delete the old segment files the snapshot may still hold
        }
      }
      return documents;
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (committed.get() < 30 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    BackupService.Run during = service.backupNow("manual");
    Thread.sleep(300);
    stop.set(true);
    int documents = written.get(30, TimeUnit.SECONDS);
    writer.shutdown();
    BackupService.Run quiet = service.backupNow("manual");
    List<String> before = results(index);
    int chunksBefore = index.size();
    index.close();
    db.close();

    assertThat(during.backup().state()).as(during.backup().status().problems().toString()).isEqualTo(BackupState.VERIFIED);
    assertThat(during.backup().status().facts().get("knowledge-index.documents")).isPositive();
    assertThat(quiet.backup().status().facts()).containsEntry("knowledge-index.documents", (long) chunksBefore);
    assertThat(chunksBefore).isEqualTo(documents * 3);
    assertThat(before).isNotEmpty();

    service.requestRestore(during.backup().id());
    assertThat(PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow().restored()).isTrue();
    try (KnowledgeIndex restored = new KnowledgeIndex(paths.knowledge().resolve("index"))) {
      assertThat((long) restored.size()).isEqualTo(during.backup().status().facts().get("knowledge-index.documents"));
      assertThat(restored.size() % 3).as("whole documents only").isZero();
    }

    service.requestRestore(quiet.backup().id());
    assertThat(PendingRestore.applyIfRequested(paths, Clock.systemUTC(), "test").orElseThrow().restored()).isTrue();
    try (KnowledgeIndex restored = new KnowledgeIndex(paths.knowledge().resolve("index"))) {
      assertThat(restored.size()).isEqualTo(chunksBefore);
      assertThat(results(restored)).isEqualTo(before);
    }
  }

  private static List<IndexedChunk> chunks(int document, Random random) {
    List<IndexedChunk> chunks = new ArrayList<>();
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      StringBuilder text = new StringBuilder("document " + document + " part " + ordinal);
      for (int w = 0; w < 40; w++) {
        text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
      }
      chunks.add(new IndexedChunk(new Chunk(ordinal, 0, ordinal * 100, ordinal * 100 + 99, text.toString()), unit(random)));
    }
    return chunks;
  }

  private static float[] unit(Random random) {
    float[] v = new float[16];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static List<String> results(KnowledgeIndex index) {
    float[] query = unit(new Random(99));
    return index.search(query, "alpha golf", List.of(), 10, 50).stream()
        .map((Hit h) -> h.documentId() + ":" + h.ordinal() + ":" + h.text())
        .toList();
  }
}
