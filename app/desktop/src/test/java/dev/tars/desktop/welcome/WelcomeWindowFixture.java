package dev.tars.desktop.welcome;

import atlantafx.base.theme.PrimerLight;
import dev.tars.desktop.DesktopServices;
import dev.tars.desktop.DesktopShell;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.models.ArchiveExtractor;
import dev.tars.models.Bytes;
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
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The real window on a first start, in the language a test class opens it in: no model yet, so the welcome offers the
 * recommended model, served by the fault-injecting loopback server whose first answer is a 503. The downloader
 * retries nothing, so that answer ends the first attempt and the welcome has to say why and offer Retry.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WelcomeWindowFixture {
  @TempDir Path home;
  LoopbackFileServer server;
  LoopbackFileServer.Route route;
  TestServices services;
  EngineHost engines;
  ModelManager models;
  DesktopShell shell;
  byte[] file;

  @BeforeAll
  static void patientSetUp() {
    // Building the window on a busy 2-core machine can take longer than TestFX's 30 s.
    FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  /** Shows the window in {@code language} ("en", "es"); each test class calls it from its {@code @Start}. */
  void open(Stage stage, String language) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    server = LoopbackFileServer.start();
    file = Files.readAllBytes(TestModels.tiny());
    route = server.serve("/tiny.gguf", file).trickle(2 * 1024, 30).failWith(503, 1);
    engines = TestServices.scriptedEngines("Hello from the downloaded model.");
    services = new TestServices(home, engines::engine);
    services.settings.save(services.settings.get().withLanguage(language));
    services.settings.addListener(engines::apply);
    CatalogEntry starter = new CatalogEntry("tiny-q8_0", "Tiny chat", ModelKind.CHAT, ModelFormat.GGUF, "llama",
        "1M", "Q8_0", file.length, 2048, "MIT", server.uri("/tiny.gguf"), null, "tiny.gguf", null, "tiny",
        URI.create("https://opensource.org/license/mit"), true);
    models = new ModelManager(new ModelCatalog(List.of(starter)), home.resolve("models"),
        new Downloader(home.resolve("downloads"), DiskSpace.SYSTEM, new Downloader.Options(Duration.ofSeconds(5),
            Duration.ofSeconds(3), 0, Duration.ofMillis(100), 0, 1 << 20)),
        new ArchiveExtractor(), Optional::empty, 8L << 30);
    shell = new DesktopShell(new DesktopServices(services.chats, services.settings, engines, null, models, null,
        null, null, null, null, () -> {}, null, null), I18n.forLanguage(language));
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

  /** The offered model's size as the download button shows it. */
  String offeredSize() {
    return Bytes.human(file.length);
  }

  static Button button(FxRobot robot, String text) {
    return robot.lookup(".button").queryAll().stream()
        .filter(n -> n instanceof Button b && b.isVisible() && text.equals(b.getText()) && shown(b))
        .map(Button.class::cast).findFirst().orElse(null);
  }

  static Label visibleLabel(FxRobot robot, String part) {
    return robot.lookup(".label").queryAll().stream()
        .filter(n -> n instanceof Label l && l.getText() != null && l.getText().contains(part) && shown(l))
        .map(Label.class::cast).findFirst().orElse(null);
  }

  static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return node.getScene() != null;
  }
}
