package dev.tars.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.ocr.ChildProcessOcr;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.testkit.Waiting;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeServiceIT {
  @TempDir static Path shared;
  static OnnxEmbedder embedder;
  static ChildProcessOcr ocr;

  @TempDir Path home;
  Database db;
  KnowledgeService service;

  @BeforeAll
  static void loadModel() {
    embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, shared.resolve("models"), 2);
    ocr = new ChildProcessOcr(shared.resolve("ocr"), shared.resolve("logs"), "eng", Duration.ofSeconds(60));
  }

  @AfterAll
  static void unload() {
    ocr.close();
    embedder.close();
  }

  KnowledgeService open(dev.tars.embedding.Embedder with) {
    db = TestDatabase.open(home);
    service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
        new KnowledgeIndex(home.resolve("index")), with, new DocumentParser(ocr), Chunker.standard(), 2);
    return service;
  }

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
      service = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
  }

  void ingest(String collection, Path... paths) throws InterruptedException {
    service.add(collection, List.of(paths));
    service.start();
    assertThat(service.awaitIdle(Duration.ofSeconds(120))).isTrue();
  }

  static String filler(String topic, int sentences) {
    String[] words = {"river", "planning", "budget", "meeting", "garden", "window", "paper", "station", "coffee",
        "holiday", "printer", "ladder", "museum", "carpet"};
    Random random = new Random(topic.hashCode());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      sb.append("The ").append(topic).append(" note mentions the ").append(words[random.nextInt(words.length)])
          .append(" and the ").append(words[random.nextInt(words.length)]).append(". ");
    }
    return sb.toString();
  }

  Path corpus() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Fixtures.pdf(docs.resolve("orchard.pdf"), filler("orchard", 12),
        "The orchard's oldest pear tree was planted in 1887 by Marta Kowalski. " + filler("orchard", 4));
    Fixtures.docx(docs.resolve("boiler-manual.docx"), "Safety", filler("safety", 10), "Resetting the boiler",
        "Hold the red reset button for ten seconds until the pilot light blinks green.");
    Fixtures.pptx(docs.resolve("roadmap.pptx"), "Roadmap overview and goals for the year",
        "Project Nightjar ships its public beta in the third week of March.");
    Fixtures.xlsx(docs.resolve("inventory.xlsx"), "Stock", new String[][] {{"Item", "Location", "Count"},
        {"Brass hinges", "Aisle 14", "320"}, {"Copper rivets", "Aisle 2", "1800"}});
    Fixtures.odt(docs.resolve("recipe.odt"), "Sourdough bread",
        "Let the dough rest for eighteen hours in the fridge before baking.");
    Fixtures.text(docs.resolve("faq.html"), "<html><body><h1>FAQ</h1><p>" + filler("faq", 5) + "</p><h2>Support</h2>"
        + "<p>Our support line is open Monday to Friday, from 8 am to 6 pm Central European Time.</p></body></html>");
    Fixtures.text(docs.resolve("cli.md"), "# Tool manual\n\n" + filler("manual", 8) + "\n\n## Exit codes\n\n"
        + "The tool returns exit code 3 when the configuration file is missing.\n");
    Fixtures.epub(docs.resolve("novel.epub"), "The Strait", "Chapter One",
        "Captain Ilse Brandt steered the Aurora through the frozen strait at dawn.");
    Fixtures.text(docs.resolve("notes.txt"), filler("misc", 30));
    Fixtures.png(docs.resolve("whiteboard.png"), "Team offsite moves to Lisbon in October");
    return docs;
  }

  @Test
  void answersKnownQuestionsFromEveryFormatWithExactCitations() throws Exception {
    open(embedder);
    Path docs = corpus();
    ingest("Work", docs);
    assertThat(service.documents(OptionalLong.empty())).allSatisfy(d ->
        assertThat(d.status()).as(d.path() + " " + d.reason()).isEqualTo(DocumentStatus.INDEXED));

    Map<String, String> expected = Map.of(
        "When was the oldest pear tree planted?", "orchard.pdf",
        "How do I reset the boiler?", "boiler-manual.docx",
        "When is the Nightjar beta released?", "roadmap.pptx",
        "Where are the brass hinges stored?", "inventory.xlsx",
        "How long should sourdough dough rest?", "recipe.odt",
        "What are the support hours?", "faq.html",
        "Which exit code means the config file is missing?", "cli.md",
        "Who steered the Aurora?", "novel.epub",
        "Where is the team offsite?", "whiteboard.png");
    expected.forEach((question, file) -> {
      List<Passage> top = service.search(question, List.of(), 3);
      assertThat(top).as(question).isNotEmpty();
      assertThat(top.getFirst().path().getFileName().toString()).as(question).isEqualTo(file);
    });

    Passage pear = service.search("oldest pear tree planted", List.of(), 1).getFirst();
    assertThat(pear.page()).isEqualTo(2);
    assertThat(pear.text()).contains("1887");
    // The passage is the stretch around the unit that matched; the highlighted sentence lies inside it.
    assertThat(pear.highlightStart()).isBetween(pear.start(), pear.end());
    assertThat(pear.highlightEnd()).isBetween(pear.highlightStart(), pear.end());
    assertThat(pear.text().substring(pear.highlightStart() - pear.start(), pear.highlightEnd() - pear.start()))
        .contains("1887");
    List<Chunk> units = service.chunks(pear.documentId()).stream()
        .filter(c -> c.start() >= pear.start() && c.end() <= pear.end()).toList();
    assertThat(units).isNotEmpty().allSatisfy(c -> assertThat(pear.text()).contains(c.text()));
  }

  @Test
  void retrieveRespectsTheTokenBudgetAndTheChosenCollections() throws Exception {
    open(embedder);
    Path docs = corpus();
    Path other = Files.createDirectories(home.resolve("other"));
    Fixtures.text(other.resolve("pears.txt"), "Pear trees in the city park were planted in 1950 by the council.");
    ingest("Work", docs);
    ingest("Other", other);
    long work = service.collections().stream().filter(c -> c.name().equals("Work")).findFirst().orElseThrow().id();

    List<Passage> passages = service.retrieve("When was the pear tree planted?", List.of(work), 150);
    assertThat(passages).isNotEmpty();
    assertThat(passages.stream().mapToInt(p -> p.text().length()).sum()).isLessThanOrEqualTo(150 * 4);
    assertThat(passages).allMatch(p -> p.collectionId() == work);
    assertThat(service.retrieve("pear trees city park council", List.of(), 1000))
        .anyMatch(p -> p.path().getFileName().toString().equals("pears.txt"));
  }

  @Test
  void reAddingIsANoOpChangingReindexesAndRemovingDeletesEverywhere() throws Exception {
    open(embedder);
    Path docs = Files.createDirectories(home.resolve("docs"));
    Path a = Fixtures.text(docs.resolve("a.txt"), "Zebras migrate across the Serengeti every year. " + filler("a", 20));
    Fixtures.text(docs.resolve("b.txt"), "Penguins huddle together to stay warm in winter. " + filler("b", 20));
    ingest("Docs", docs);
    int chunks = service.store().totalChunks();
    assertThat(service.index().size()).isEqualTo(chunks).isPositive();

    assertThat(service.add("Docs", List.of(docs))).isEqualTo(new AddResult(0, 2, 0));
    Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertThat(service.add("Docs", List.of(docs))).as("same content, new time").isEqualTo(new AddResult(0, 2, 0));

    Fixtures.text(a, "Flamingos stand on one leg to save body heat. " + filler("a2", 20));
    ingest("Docs", docs);
    assertThat(service.search("Flamingos one leg", List.of(), 1).getFirst().text()).contains("Flamingos");
    assertThat(service.search("zebras migrate Serengeti", List.of(), 5)).noneMatch(p -> p.text().contains("Zebras"));

    DocumentInfo b = service.documents(OptionalLong.empty()).stream()
        .filter(d -> d.path().getFileName().toString().equals("b.txt")).findFirst().orElseThrow();
    service.remove(b.id());
    assertThat(service.search("Penguins huddle warm", List.of(), 5)).noneMatch(p -> p.documentId() == b.id());
    assertThat(service.chunks(b.id())).isEmpty();
    assertThat(service.index().chunksPerDocument()).doesNotContainKey(b.id());
    assertThat(service.index().size()).isEqualTo(service.store().totalChunks());
  }

  @Test
  void badFilesFailAloneWithReasonsWhileTheRestIsIndexed() throws Exception {
    open(embedder);
    Path docs = Files.createDirectories(home.resolve("docs"));
    Fixtures.text(docs.resolve("good.txt"), "Owls can rotate their heads about 270 degrees.");
    byte[] random = new byte[8192];
    new Random(3).nextBytes(random);
    Files.write(docs.resolve("empty.pdf"), new byte[0]);
    Files.write(docs.resolve("binary.txt"), random);
    Files.write(docs.resolve("corrupt.docx"), random);
    Files.write(docs.resolve("latin1.md"), "na\u00efve caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Fixtures.text(docs.resolve("minified.js"), "var a=1;".repeat(200_000));
    Fixtures.encryptedPdf(docs.resolve("locked.pdf"), "top secret");
    byte[] pdf = Files.readAllBytes(Fixtures.pdf(home.resolve("whole.pdf"), filler("cut", 30)));
    Files.write(docs.resolve("truncated.pdf"), java.util.Arrays.copyOf(pdf, pdf.length / 2));
    Fixtures.zipBombDocx(docs.resolve("bomb.docx"));
    Fixtures.hugePngHeader(docs.resolve("huge.png"), 30000, 30000);
    ingest("Docs", docs);

    Map<String, DocumentInfo> byName = service.documents(OptionalLong.empty()).stream()
        .collect(Collectors.toMap(d -> d.path().getFileName().toString(), d -> d));
    assertThat(byName.get("good.txt").status()).isEqualTo(DocumentStatus.INDEXED);
    byName.values().stream().filter(d -> !d.path().getFileName().toString().equals("good.txt")).forEach(d -> {
      assertThat(d.status()).as(d.path().toString()).isEqualTo(DocumentStatus.FAILED);
      assertThat(d.reason().english()).as(d.path().toString()).isNotBlank().doesNotContain("Exception");
      assertThat(d.chunks()).isZero();
    });
    assertThat(byName.get("huge.png").reason().english()).contains("30000 x 30000");
    assertThat(byName.get("locked.pdf").reason().english()).contains("password");
    assertThat(byName.get("bomb.docx").reason().english()).contains("zip bomb");
    assertThat(service.search("owls rotate heads", List.of(), 1).getFirst().text()).contains("Owls");
  }

  @Test
  void pauseKeepsTheQueueResumeFinishesItAndCancelFailsWhatIsLeft() throws Exception {
    open(embedder);
    Path docs = Files.createDirectories(home.resolve("docs"));
    // Enough files that pausing after the first one is indexed always leaves some queued, however fast the machine.
    int files = 30;
    for (int i = 0; i < files; i++) {
      Fixtures.text(docs.resolve("doc" + i + ".txt"), filler("doc" + i, 60));
    }
    List<JobProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    service.addListener(new IngestListener() {
      @Override
      public void progress(JobProgress progress) {
        seen.add(progress);
      }
    });
    service.add("Docs", List.of(docs));
    service.pause();
    service.start();
    assertThat(service.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(service.progress().queued()).isEqualTo(files);

    service.resume();
    Waiting.waitUntil(Duration.ofSeconds(60), () -> service.progress().indexed() > 0);
    service.pause();
    assertThat(service.awaitIdle(Duration.ofSeconds(60))).isTrue();
    int indexedWhilePaused = service.progress().indexed();
    assertThat(service.progress().queued()).isPositive();

    service.cancel();
    JobProgress end = service.progress();
    assertThat(end.queued()).isZero();
    assertThat(end.failed()).isEqualTo(files - indexedWhilePaused);
    assertThat(service.documents(OptionalLong.empty())).filteredOn(d -> d.status() == DocumentStatus.FAILED)
        .allMatch(d -> d.reason().english().contains("cancelled"));
    assertThat(seen).anyMatch(p -> p.bytesTotal() > 0 && p.fraction() > 0 && p.fraction() < 1);
    assertThat(service.index().size()).isEqualTo(service.store().totalChunks());
  }

  @Test
  void switchingTheEmbeddingModelReEmbedsEveryDocument() throws Exception {
    open(embedder);
    Path docs = Files.createDirectories(home.resolve("docs"));
    Fixtures.text(docs.resolve("a.txt"), "Honeybees communicate with a waggle dance.");
    ingest("Docs", docs);
    close();

    OnnxEmbedder.ModelFiles renamed = new OnnxEmbedder.ModelFiles("bge-small-en-v1.5-q-copy", 384,
        OnnxEmbedder.BGE_SMALL_EN_V15_Q.onnxResource(), OnnxEmbedder.BGE_SMALL_EN_V15_Q.tokenizerResource(),
        OnnxEmbedder.BGE_SMALL_EN_V15_Q.queryInstruction());
    try (OnnxEmbedder other = OnnxEmbedder.load(renamed, shared.resolve("models"), 1)) {
      open(other);
      assertThat(service.documents(OptionalLong.empty())).allMatch(d -> d.status() == DocumentStatus.QUEUED);
      assertThat(service.index().size()).isZero();
      service.start();
      assertThat(service.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(service.store().indexModel().orElseThrow()[0]).isEqualTo("bge-small-en-v1.5-q-copy");
      assertThat(service.search("waggle dance", List.of(), 1).getFirst().text()).contains("Honeybees");
      close();
    }
  }

  static void assertConsistent(KnowledgeService service) {
    List<String> ids = service.index().chunkIds();
    assertThat(new HashSet<>(ids)).as("no duplicate chunks").hasSameSizeAs(ids);
    assertThat(ids).hasSize(service.store().totalChunks());
  }
}
