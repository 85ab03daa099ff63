package dev.tars.desktop.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.FxWait;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.desktop.fx.ThemeSheet;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.knowledge.DocumentStatus;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.testkit.core.TestEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Why documents were not indexed, on the Knowledge page in Spanish and, from the same stored reasons, in English:
 * real files that fail for real (an empty file, a zip archive, a damaged Word document, binary data named .txt).
 */
@ExtendWith(ApplicationExtension.class)
class KnowledgeReasonsWindowIT {
  @TempDir static Path home;
  private Database db;
  private KnowledgeService service;
  private KnowledgeViewModel spanish;
  private Parent page;
  private Path docs;
  private final ExecutorService background = Executors.newFixedThreadPool(1, NamedThreads.named("knowledge-test"));
  private final FxUiDispatcher ui = new FxUiDispatcher();

  @Start
  void start(Stage stage) throws Exception {
    docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("owls.txt"), "Owls can rotate their heads about 270 degrees.");
    Files.write(docs.resolve("empty.txt"), new byte[0]);
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    Files.write(docs.resolve("binary.txt"), random);
    Files.write(docs.resolve("report.docx"), random);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(docs.resolve("photos.zip")))) {
      zip.putNextEntry(new ZipEntry("photo.txt"));
      zip.write("a holiday".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    db = TestDatabase.open(home);
    service = new KnowledgeService(new KnowledgeStore(db.dataSource()), new KnowledgeIndex(home.resolve("index")),
        TestEmbedder.hashing(), new DocumentParser(null), Chunker.standard(), 1);
    I18n es = I18n.forLanguage("es");
    spanish = new KnowledgeViewModel(service, new Background(background, ui), es);
    page = new KnowledgeView(spanish, es).load();
    ThemeSheet.apply(false); // the app's theme, so that the screenshot shows what a person sees
    stage.setScene(new Scene(page, 1100, 480));
    stage.show();
  }

  @AfterEach
  void tearDown() {
    spanish.close();
    service.close();
    db.close();
    background.shutdownNow();
    ui.close();
  }

  @Test
  void eachReasonIsShownInThePagesLanguage(FxRobot robot) throws Exception {
    service.start();
    FxWait.fx(() -> {
      spanish.collectionProperty().set("Informes");
      spanish.add(List.of(docs));
      return null;
    });
    FxWait.waitUntil(60, () -> spanish.documents().size() == 5 && spanish.documents().stream()
        .noneMatch(r -> r.status() == DocumentStatus.QUEUED || r.status().inFlight()));
    WaitForAsyncUtils.waitForFxEvents();

    List<String> shown = robot.lookup(".table-cell").queryAll().stream().filter(n -> n instanceof Labeled)
        .map(n -> ((Labeled) n).getText()).filter(t -> t != null && !t.isBlank()).toList();
    assertThat(shown).contains("Indexado",
        "Falló: El archivo está vacío (0 bytes); no hay nada que indexar.",
        "Falló: Los archivos comprimidos (application/zip) no se indexan. Descomprímelo y añade la carpeta.",
        "Falló: El archivo contiene datos binarios aunque su nombre dice que es texto. Puede ser un programa, un "
            + "archivo comprimido o un documento guardado con otra extensión.");
    assertThat(shown).anyMatch(t -> t.startsWith("Falló: El archivo parece dañado o incompleto (su estructura zip "
        + "está rota: ") && t.endsWith("). Ábrelo con su programa, guarda una copia nueva y vuelve a añadirlo."));
    assertThat(FxWait.fx(() -> spanish.progressTextProperty().get()))
        .isEqualTo("1 documento indexado, 4 no se pudieron leer (mira su estado)");
    WindowShots.save(page, "knowledge-reasons-es.png");

    TestUi englishUi = new TestUi();
    try (KnowledgeViewModel english = new KnowledgeViewModel(service, englishUi.background(), I18n.forLanguage("en"))) {
      english.collectionProperty().set("Informes");
      englishUi.runUntil(() -> english.documents().size() == 5, Duration.ofSeconds(10));
      assertThat(english.documents()).extracting(DocumentRow::name, DocumentRow::statusText).contains(
          tuple("owls.txt", "Indexed"),
          tuple("empty.txt", "Failed: The file is empty (0 bytes); there is nothing to index."),
          tuple("photos.zip", "Failed: Archives (application/zip) are not indexed. Unpack it and add the folder "
              + "instead."));
      assertThat(english.progressTextProperty().get())
          .isEqualTo("1 document indexed, 4 could not be read (see their status)");
      assertThat(english.documents()).filteredOn(r -> r.name().equals("report.docx")).singleElement()
          .extracting(DocumentRow::statusText).asString()
          .startsWith("Failed: The file looks damaged or incomplete (its zip structure is broken: ");
    }
  }
}
