package dev.tars.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryIT {
  @TempDir Path home;

  @Test
  void killDashNineDuringIngestionLeavesBothStoresConsistentAndTheJobResumesWithoutDuplicates() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    int documents = 12;
    for (int i = 0; i < documents; i++) {
      Fixtures.text(docs.resolve("doc" + i + ".txt"), KnowledgeServiceIT.filler("crash" + i, 80));
    }
    Path models = home.resolve("models");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx768m",
        "-cp", System.getProperty("java.class.path"), CrashDriverMain.class.getName(),
        home.toString(), docs.toString(), models.toString())
        .redirectError(home.resolve("child.log").toFile())
        .start();
    int indexedBeforeKill = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("@@indexed") && ++indexedBeforeKill == 3) {
          break;
        }
      }
      // Kill at an arbitrary point inside the next documents' work, not right at a document boundary.
      Thread.sleep(new Random().nextInt(400));
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(indexedBeforeKill).as("child log: " + Files.readString(home.resolve("child.log"))).isEqualTo(3);

    Instant restart = Instant.now();
    try (Database db = TestDatabase.open(home);
        OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, models, 2)) {
      KnowledgeService service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
          new KnowledgeIndex(home.resolve("index")), embedder,
          new DocumentParser(null), Chunker.standard(), 2);
      try {
        assertConsistent(service);
        assertThat(service.documents(OptionalLong.empty())).hasSize(documents)
            .noneMatch(d -> d.status().inFlight());
        Map<Long, Instant> finishedBeforeCrash = indexedAt(db);
        assertThat(finishedBeforeCrash.size()).isGreaterThanOrEqualTo(3);

        service.start();
        assertThat(service.awaitIdle(Duration.ofSeconds(180))).isTrue();
        assertThat(service.documents(OptionalLong.empty())).hasSize(documents)
            .allMatch(d -> d.status() == DocumentStatus.INDEXED);
        assertConsistent(service);
        Map<Long, Instant> after = indexedAt(db);
        finishedBeforeCrash.forEach((id, at) ->
            assertThat(after.get(id)).as("document %d finished before the crash is not redone", id).isEqualTo(at));
        assertThat(after.values()).filteredOn(at -> at.isAfter(restart)).hasSize(documents - finishedBeforeCrash.size());
      } finally {
        service.close();
      }
    }
  }

  private static void assertConsistent(KnowledgeService service) {
    List<String> ids = service.index().chunkIds();
    assertThat(new HashSet<>(ids)).as("no duplicate chunks in the index").hasSameSizeAs(ids);
    assertThat(ids).as("index and database hold the same chunks").hasSize(service.store().totalChunks());
    Map<Long, Integer> perDoc = service.index().chunksPerDocument();
    service.documents(OptionalLong.empty()).forEach(d ->
        assertThat(perDoc.getOrDefault(d.id(), 0)).as(d.path().toString()).isEqualTo(d.chunks()));
  }

  private static Map<Long, Instant> indexedAt(Database db) throws Exception {
    Map<Long, Instant> out = new HashMap<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT id, updated_at FROM kn_document WHERE status = 'INDEXED'"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
      }
    }
    return out;
  }

}
