package dev.tars.desktop.models;

import static dev.tars.testkit.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.fx.FxUiDispatcher;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Models page on a real (headless) stage, downloading from a loopback server. */
@ExtendWith(ApplicationExtension.class)
class ModelsViewIT {
  @TempDir static Path home;
  private LoopbackFileServer server;
  private ModelManager manager;
  private ModelsViewModel viewModel;
  private final ExecutorService background = Executors.newFixedThreadPool(1, NamedThreads.named("models-test"));
  private Parent page;
  private final FxUiDispatcher ui = new FxUiDispatcher();

  @Start
  void start(Stage stage) throws Exception {
    server = LoopbackFileServer.start();
    server.serve("/tiny.gguf", Files.readAllBytes(TestModels.tiny())).trickle(4096, 30);
    ModelCatalog catalog = new ModelCatalog(List.of(
        chat("qwen2.5-0.5b-instruct-q4_k_m", "Qwen2.5 0.5B Instruct", "Q4_K_M", 491_000_000L, "Apache-2.0", 32768),
        new CatalogEntry("tiny-q8_0", "Tiny test model", ModelKind.CHAT, ModelFormat.GGUF, "llama", "1M", "Q8_0",
            324_512, 2048, "MIT", server.uri("/tiny.gguf"), null, "tiny.gguf", null),
        chat("phi-3.5-mini-instruct-q8_0", "Phi-3.5 mini Instruct", "Q8_0", 4_061_000_000L, "MIT", 131072),
        chat("llama-3.1-70b-q4_k_m", "Llama 3.1 70B Instruct", "Q4_K_M", 42_500_000_000L, "Llama 3.1", 131072),
        new CatalogEntry("bge-small-en-v1.5-q", "BGE small English v1.5", ModelKind.EMBEDDING, ModelFormat.BUNDLED,
            "bert", "33M", "INT8", 34_000_000, 512, "MIT", URI.create("https://repo1.maven.org/x/"), null, null,
            null)));
    manager = new ModelManager(catalog, home.resolve("models"), new Downloader(home.resolve("downloads"),
        DiskSpace.SYSTEM, Downloader.Options.DEFAULTS), new ArchiveExtractor(), Optional::empty, 8L << 30);
    viewModel = new ModelsViewModel(manager, ui::run, background, I18n.forLanguage("en"));
    page = new ModelsView(viewModel, I18n.forLanguage("en")).load();
    stage.setScene(new Scene(page, 1300, 420));
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
  void downloadShowsProgressCanPauseResumeAndDeleteWithConfirmation(FxRobot robot) throws Exception {
    ModelRow tiny = viewModel.rows().get(1);
    assertThat(tiny.fitProperty().get()).isEqualTo("fits");
    assertThat(viewModel.rows().get(3).fitProperty().get()).isEqualTo("won’t fit");

    int tinyIndex = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".table-view")
        .queryAs(javafx.scene.control.TableView.class).getItems().indexOf(tiny)).get();
    robot.clickOn(button(robot, tinyIndex, "Download"));
    waitUntil(() -> tiny.progressProperty().get() > 0.25 && tiny.progressTextProperty().get().contains("left"));
    WaitForAsyncUtils.waitForFxEvents();
    screenshot("models-downloading.png");
    assertThat(robot.lookup(".progress-bar").queryAll().stream().anyMatch(Node::isVisible)).isTrue();

    robot.clickOn(button(robot, tinyIndex, "Pause"));
    waitUntil(() -> tiny.state() == ModelRow.State.PAUSED);
    WaitForAsyncUtils.waitForFxEvents();
    screenshot("models-paused.png");

    robot.clickOn(button(robot, tinyIndex, "Resume"));
    waitUntil(() -> tiny.state() == ModelRow.State.INSTALLED);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tiny.detailsProperty().get()).contains("llama", "Q8_0");
    screenshot("models-installed.png");

    robot.clickOn(button(robot, tinyIndex, "Delete"));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn((Node) robot.lookup(".dialog-pane .button").match(n -> n instanceof Button b
        && b.getText().equals("Yes")).query());
    waitUntil(() -> tiny.state() == ModelRow.State.AVAILABLE);
    assertThat(manager.installed()).isEmpty();
  }

  private static Button button(FxRobot robot, int rowIndex, String text) throws Exception {
    waitUntil(() -> find(robot, rowIndex, text) != null);
    return find(robot, rowIndex, text);
  }

  private static Button find(FxRobot robot, int rowIndex, String text) {
    for (Node n : robot.lookup(".models-action").queryAll()) {
      if (n instanceof Button b && b.getText().equals(text) && b.isVisible()) {
        Node p = b.getParent();
        while (p != null && !(p instanceof TableRow<?>)) {
          p = p.getParent();
        }
        if (p instanceof TableRow<?> row && row.getIndex() == rowIndex) {
          return b;
        }
      }
    }
    return null;
  }

  /** Writes a PNG of the page when TARS_SCREENS names a folder (screenshots are looked at, not committed). */
  private void screenshot(String name) throws Exception {
    WindowShots.save(page, name);
  }

  private static CatalogEntry chat(String name, String title, String quant, long size, String license, int ctx) {
    return new CatalogEntry(name, title, ModelKind.CHAT, ModelFormat.GGUF, "llama", "1B", quant, size, ctx, license,
        URI.create("http://127.0.0.1:1/" + name + ".gguf"), null, name + ".gguf", null);
  }
}
