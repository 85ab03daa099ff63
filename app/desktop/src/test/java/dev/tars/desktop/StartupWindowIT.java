package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.EngineStatus;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The whole app started as a person starts it (real H2, every service of the runtime): the window shows before
 * the services are open, and while the model is still loading every page opens without an error and the
 * composer says "Starting…".
 */
class StartupWindowIT {
  @TempDir Path home;
  @RegisterExtension final AppWindow window = new AppWindow(() -> home);
  private final FxRobot robot = new FxRobot();
  private final CountDownLatch engineMayLoad = new CountDownLatch(1);

  @AfterEach
  void letTheModelLoad() {
    // Runs before AppWindow closes the app, so that closing does not wait on a model that never finishes loading.
    engineMayLoad.countDown();
  }

  @Test
  void everyPageOpensWithoutErrorWhileTheModelIsStillLoading() throws Exception {
    window.chooseScriptedModel("en");
    window.start((settings, sink) -> {
      // The model "loads" until the test lets it: every page is clicked meanwhile.
      sink.accept(EngineStatus.local(EngineStatus.State.LOADING, "scripted.gguf"));
      try {
        engineMayLoad.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ScriptedEngine("Ready now.", 0);
    });
    Stage stage = window.stage();
    // start() has returned: the window shows, whether or not the services are open yet.
    assertThat(fx(stage::isShowing)).isTrue();

    // Putting the real window in place keeps the JavaFX thread busy for seconds on a loaded machine.
    dev.tars.testkit.Waiting.waitUntil(java.time.Duration.ofSeconds(120), () -> {
      try {
        return fx(() -> !navButtons().isEmpty());
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      }
    });
    assertThat(fx(() -> ((TextArea) robot.lookup(".composer-input").query()).getPromptText()))
        .isEqualTo("Starting…");
    List<String> pages = fx(() -> navButtons().stream().map(Button::getText).toList());
    assertThat(pages).contains("Models", "Knowledge", "Memory");
    for (String page : pages) {
      robot.clickOn(fx(() -> navButtons().stream().filter(b -> b.getText().equals(page)).findFirst().orElseThrow()));
      waitUntil(10, () -> robot.lookup(".label").queryAll().stream().noneMatch(StartupWindowIT::pageFailed));
    }
    robot.clickOn(fx(() -> (Button) robot.lookup(".nav-button").queryAll().stream()
        .filter(n -> n instanceof Button b && b.getText().equals("Settings")).findFirst().orElseThrow()));
    robot.clickOn(".new-chat");
    assertThat(fx(() -> robot.lookup(".notice").queryAll().stream().filter(Node::isVisible).toList())).isEmpty();
    assertThat(fx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).toList()))
        .as("no error dialog").isEmpty();

    engineMayLoad.countDown();
    waitUntil(60, () -> "Message Tars…".equals(((TextArea) robot.lookup(".composer-input").query()).getPromptText()));
  }

  private List<Button> navButtons() {
    return robot.lookup(".nav-button").queryAll().stream().filter(n -> n instanceof Button b
        && !b.getText().equals("Settings")).map(Button.class::cast).toList();
  }

  private static boolean pageFailed(Node node) {
    return node instanceof Label l && l.isVisible() && l.getText() != null
        && l.getText().startsWith("This page could not open");
  }
}
