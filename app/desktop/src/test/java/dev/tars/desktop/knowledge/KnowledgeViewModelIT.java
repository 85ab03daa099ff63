package dev.tars.desktop.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.knowledge.DocumentStatus;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeViewModelIT {
  @TempDir Path home;

  @Test
  void droppedFolderShowsEachDocumentsStatusAndTheJobsOutcomeAndRemovalUpdatesTheList() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("owls.txt"), "Owls can rotate their heads about 270 degrees.");
    Files.writeString(docs.resolve("bees.md"), "# Bees\n\nHoneybees communicate with a waggle dance.");
    Files.write(docs.resolve("empty.txt"), new byte[0]);
    TestUi ui = new TestUi();
    try (Database db = TestDatabase.open(home);
        OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, home.resolve("models"), 2)) {
      KnowledgeService service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
          new KnowledgeIndex(home.resolve("index")), embedder,
          new DocumentParser(null), Chunker.standard(), 2);
      try (KnowledgeViewModel vm = new KnowledgeViewModel(service, ui.background(), I18n.forLanguage("en"))) {
        service.start();
        vm.collectionProperty().set("Animals");
        vm.add(List.of(docs));
        ui.runUntil(() -> vm.documents().size() == 3 && vm.stateProperty().get() == KnowledgeViewModel.State.IDLE
            && vm.documents().stream().noneMatch(r -> r.status() == DocumentStatus.QUEUED || r.status().inFlight()),
            Duration.ofSeconds(90));

        assertThat(vm.noticeProperty().get()).isEqualTo("3 files added to Animals.");
        assertThat(vm.collections()).contains("Animals");
        assertThat(vm.documents()).extracting(DocumentRow::name, DocumentRow::statusText).contains(
            org.assertj.core.groups.Tuple.tuple("owls.txt", "Indexed"),
            org.assertj.core.groups.Tuple.tuple("bees.md", "Indexed"));
        DocumentRow empty = vm.documents().stream().filter(r -> r.name().equals("empty.txt")).findFirst().orElseThrow();
        assertThat(empty.statusText()).startsWith("Failed: The file is empty");
        assertThat(vm.progressTextProperty().get()).isEqualTo("2 documents indexed, 1 could not be read (see their status)");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);

        vm.remove(empty);
        ui.runUntil(() -> vm.documents().size() == 2, Duration.ofSeconds(10));
        assertThat(vm.noticeProperty().get()).contains("empty.txt was removed");
      } finally {
        service.close();
      }
    }
  }
}
