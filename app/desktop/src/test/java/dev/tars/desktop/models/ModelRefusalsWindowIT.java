package dev.tars.desktop.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.FxWait;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.models.ArchiveExtractor;
import dev.tars.models.CatalogEntry;
import dev.tars.models.DiskSpace;
import dev.tars.models.Downloader;
import dev.tars.models.ModelCatalog;
import dev.tars.models.ModelFormat;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import dev.tars.testkit.LoopbackFileServer;
import dev.tars.testkit.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
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
 * The Models page in Spanish after a speech model's archive turned out to hold no Vosk model and a text file was
 * offered as a model: what the row and the notice line say on a real (headless) stage.
 */
@ExtendWith(ApplicationExtension.class)
class ModelRefusalsWindowIT {
  @TempDir static Path home;
  private LoopbackFileServer server;
  private ModelManager manager;
  private ModelsViewModel viewModel;
  private Parent page;
  private final ExecutorService background = Executors.newFixedThreadPool(1, NamedThreads.named("models-test"));
  private final FxUiDispatcher ui = new FxUiDispatcher();

  @Start
  void start(Stage stage) throws Exception {
    server = LoopbackFileServer.start();
    server.serve("/vosk-model-small-es-0.42.zip", zip());
    ModelCatalog catalog = new ModelCatalog(List.of(new CatalogEntry("vosk-small-es-0.42", "Vosk small Spanish",
        ModelKind.SPEECH, ModelFormat.ZIP, null, null, null, 40_000_000, 0, "Apache-2.0",
        server.uri("/vosk-model-small-es-0.42.zip"), null, "vosk-model-small-es-0.42.zip", "es")));
    manager = new ModelManager(catalog, home.resolve("models"), new Downloader(home.resolve("downloads"),
        DiskSpace.SYSTEM, Downloader.Options.DEFAULTS), new ArchiveExtractor(), Optional::empty, 8L << 30);
    I18n es = I18n.forLanguage("es");
    viewModel = new ModelsViewModel(manager, ui::run, background, es);
    page = new ModelsView(viewModel, es).load();
    stage.setScene(new Scene(page, 1300, 360));
    stage.show();
  }

  @AfterEach
  void tearDown() {
    viewModel.close();
    manager.close();
    server.close();
    background.shutdownNow();
    ui.close();
  }

  @Test
  void theRowAndTheNoticeSayWhyInSpanish(FxRobot robot) throws Exception {
    ModelRow vosk = FxWait.fx(() -> viewModel.rows().getFirst());
    FxWait.fx(() -> {
      viewModel.download(vosk);
      return null;
    });
    FxWait.waitUntil(30, () -> vosk.state() == ModelRow.State.FAILED);
    String refusal = "vosk-model-small-es-0.42.zip no contiene un modelo de voz de Vosk (le faltan am/final.mdl o "
        + "conf/model.conf), así que no se ha instalado nada. Puede que el enlace del catálogo apunte a otro "
        + "archivo; actualiza Tars.";
    assertThat(FxWait.fx(() -> vosk.messageProperty().get())).isEqualTo(refusal);

    Path notes = TestModels.notGguf(Files.createDirectories(home.resolve("src")));
    FxWait.fx(() -> {
      viewModel.importFile(notes, false);
      return null;
    });
    String notGguf = notes + " no es un archivo de modelo GGUF.";
    FxWait.waitUntil(30, () -> viewModel.noticeProperty().get().equals(notGguf));
    WaitForAsyncUtils.waitForFxEvents();

    List<String> shown = FxWait.fx(() -> robot.lookup(n -> n.isVisible() && (n instanceof Labeled || n instanceof Text))
        .queryAll().stream().map(n -> n instanceof Labeled l ? l.getText() : ((Text) n).getText())
        .filter(t -> t != null).toList());
    assertThat(shown).contains(notGguf);
    assertThat(shown).as("the failed row").contains(refusal);
    WindowShots.save(page, "models-refusal-es.png");
  }

  private static byte[] zip() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      out.putNextEntry(new java.util.zip.ZipEntry("vosk-model-small-es-0.42/README"));
      out.write("Only the read-me of a model.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return bytes.toByteArray();
  }
}
