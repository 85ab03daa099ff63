package dev.tars.desktop.welcome;

import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.desktop.DesktopServices;
import dev.tars.desktop.DesktopShell;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.models.ArchiveExtractor;
import dev.tars.models.CatalogEntry;
import dev.tars.models.DiskSpace;
import dev.tars.models.Downloader;
import dev.tars.models.ModelCatalog;
import dev.tars.models.ModelFormat;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import dev.tars.runtime.EngineHost;
import dev.tars.testkit.LoopbackFileServer;
import dev.tars.testkit.TestModels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The first start in the real window: no model yet, the welcome offers the recommended one, a click downloads
 * it from the loopback server (a failed first attempt says why and Retry fetches it, Pause and Resume work) and
 * the chat opens on it and answers.
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeWindowIT {
  @TempDir Path home;
  private LoopbackFileServer server;
  private LoopbackFileServer.Route route;
  private TestServices services;
  private EngineHost engines;
  private ModelManager models;
  private DesktopShell shell;
  private byte[] file;

  @org.junit.jupiter.api.BeforeAll
  static void patientSetUp() {
    // Building the window on a busy 2-core machine can take longer than TestFX's 30 s.
    org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @Start
  void start(Stage stage) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    server = LoopbackFileServer.start();
    file = Files.readAllBytes(TestModels.tiny());
    route = server.serve("/tiny.gguf", file).trickle(2 * 1024, 30).failWith(503, 1);
    engines = TestServices.scriptedEngines("Hello from the downloaded model.");
    services = new TestServices(home, engines::engine);
    services.settings.save(services.settings.get().withLanguage("en"));
    services.settings.addListener(engines::apply);
    CatalogEntry starter = new CatalogEntry("tiny-q8_0", "Tiny chat", ModelKind.CHAT, ModelFormat.GGUF, "llama",
        "1M", "Q8_0", file.length, 2048, "MIT", server.uri("/tiny.gguf"), null, "tiny.gguf", null, "tiny",
        URI.create("https://opensource.org/license/mit"), true);
    // One retry only, so the 503 ends the first attempt and the welcome has to offer Retry.
    models = new ModelManager(new ModelCatalog(List.of(starter)), home.resolve("models"),
        new Downloader(home.resolve("downloads"), DiskSpace.SYSTEM, new Downloader.Options(Duration.ofSeconds(5),
            Duration.ofSeconds(3), 0, Duration.ofMillis(100), 0, 1 << 20)),
        new ArchiveExtractor(), Optional::empty, 8L << 30);
    shell = new DesktopShell(new DesktopServices(services.chats, services.settings, engines, null, models, null,
        null, null, null, null, () -> {}, null, null), I18n.forLanguage("en"));
    shell.show(stage);
  }

  @AfterEach
  void tearDown() {
    shell.stopAnswers();
    shell.close();
    models.close();
    engines.close();
    services.close();
    server.close();
  }

  @Test
  void theRecommendedModelDownloadsInOneClickAndTheChatOpensOnIt(FxRobot robot) {
    waitUntil(() -> button(robot, "Download Tiny chat Q8_0 (" + dev.tars.models.Bytes.human(file.length) + ", MIT)") != null);
    assertThat(button(robot, "Choose a GGUF file…")).isNotNull();
    assertThat(robot.lookup("Use a remote server instead").tryQuery()).isPresent();

    robot.clickOn(button(robot, "Download Tiny chat Q8_0 (" + dev.tars.models.Bytes.human(file.length) + ", MIT)"));
    waitUntil(() -> visibleLabel(robot, "The download stopped: ") != null);
    assertThat(visibleLabel(robot, "The download stopped: ").getText()).contains("503");
    robot.clickOn(button(robot, "Retry"));

    waitUntil(() -> button(robot, "Pause") != null);
    waitUntil(() -> visibleLabel(robot, "left") != null);
    assertThat(robot.lookup(".progress-bar").queryAll().stream().anyMatch(n -> n.isVisible()
        && ((ProgressBar) n).getProgress() > 0)).isTrue();
    robot.clickOn(button(robot, "Pause"));
    waitUntil(() -> button(robot, "Resume") != null);
    robot.clickOn(button(robot, "Resume"));

    waitUntil(() -> robot.lookup(".composer-input").tryQuery().map(WelcomeWindowIT::shown).orElse(false));
    assertThat(services.settings.get().modelPath()).endsWith("tiny.gguf");
    assertThat(route.rangeHeaders().getLast()).startsWith("bytes=");
    waitUntil(() -> engines.status().state() == dev.tars.engine.EngineStatus.State.READY);
    robot.clickOn(".composer-input").write("Hello");
    robot.type(KeyCode.ENTER);
    waitUntil(() -> shell.viewModel().chat().messagesProperty().size() == 2
        && shell.viewModel().chat().state() == dev.tars.desktop.chat.ChatViewModel.State.IDLE);
    assertThat(shell.viewModel().chat().messagesProperty().get(1).content())
        .isEqualTo("Hello from the downloaded model.");
  }

  private static Button button(FxRobot robot, String text) {
    return robot.lookup(".button").queryAll().stream()
        .filter(n -> n instanceof Button b && b.isVisible() && text.equals(b.getText()) && shown(b))
        .map(Button.class::cast).findFirst().orElse(null);
  }

  private static Label visibleLabel(FxRobot robot, String part) {
    return robot.lookup(".label").queryAll().stream()
        .filter(n -> n instanceof Label l && l.getText() != null && l.getText().contains(part) && shown(l))
        .map(Label.class::cast).findFirst().orElse(null);
  }

  private static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return node.getScene() != null;
  }
}
