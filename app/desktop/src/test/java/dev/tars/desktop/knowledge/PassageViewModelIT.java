package dev.tars.desktop.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.AnswerSource;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.Passage;
import dev.tars.knowledge.PassageReference;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open file" on a citation, with real indexed documents: scripts are shown in their folder, never opened. */
class PassageViewModelIT {
  @TempDir Path home;

  /** Records what was asked of the desktop instead of starting programs on the test machine. */
  static final class RecordingOpener implements FileOpener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void open(Path file) {
      calls.add("open " + file.getFileName());
    }

    @Override
    public void showInFolder(Path file) throws IOException {
      calls.add("show " + file.getFileName());
    }
  }

  @Test
  void aCitedScriptIsShownInItsFolderAndADocumentIsOpened() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("owls.js"), "// Owls hunt voles at night in the barn.\nconsole.log('owl');\n");
    Files.writeString(docs.resolve("bees.md"), "# Bees\n\nHoneybees communicate with a waggle dance.");
    RecordingOpener opener = new RecordingOpener();
    try (Database db = TestDatabase.open(home);
        OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, home.resolve("models"), 2)) {
      KnowledgeService service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
          new KnowledgeIndex(home.resolve("index")), embedder,
          new DocumentParser(null), Chunker.standard(), 2);
      try {
        service.start();
        service.add("Animals", List.of(docs));
        assertThat(service.awaitIdle(Duration.ofSeconds(90))).isTrue();
        List<Long> collections = service.collections().stream().map(CollectionInfo::id).toList();

        for (String language : List.of("en", "es")) {
          opener.calls.clear();
          PassageViewModel script = citing(service, collections, "owls hunt voles", opener, language);
          assertThat(script.openLabelProperty().get())
              .isEqualTo(language.equals("en") ? "Show in folder" : "Mostrar en la carpeta");
          script.openFile();
          PassageViewModel document = citing(service, collections, "waggle dance", opener, language);
          assertThat(document.openLabelProperty().get())
              .isEqualTo(language.equals("en") ? "Open file" : "Abrir archivo");
          document.openFile();

          assertThat(opener.calls).containsExactly("show owls.js", "open bees.md");
          assertThat(document.messageProperty().get()).isEmpty();
          assertThat(script.messageProperty().get()).contains("owls.js")
              .contains(language.equals("en") ? "showed it in its folder" : "mostrado en su carpeta");
        }
      } finally {
        service.close();
      }
    }
  }

  private static PassageViewModel citing(KnowledgeService service, List<Long> collections, String query,
      FileOpener opener, String language) {
    Passage best = service.search(query, collections, 1).getFirst();
    PassageViewModel vm = new PassageViewModel(service, opener, Background.direct(), I18n.forLanguage(language));
    vm.load(new AnswerSource("knowledge", best.path().getFileName().toString(),
        PassageReference.of(best).toString()));
    assertThat(vm.stateProperty().get()).isEqualTo(PassageViewModel.State.SHOWN);
    return vm;
  }
}
