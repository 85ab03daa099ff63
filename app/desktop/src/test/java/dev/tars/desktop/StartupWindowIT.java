package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.EngineStatus;
import dev.tars.runtime.EngineHost;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The whole app started as a person starts it (real H2, every service of the runtime): the window shows before
 * the services are open, in the language the person set, and while the model is still loading every page opens
 * without an error and the composer says "Starting…".
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
    // The model "loads" until the test lets it: every page is clicked meanwhile.
    window.start(loadingUntilReleased());
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

  /** A person who chose Spanish on a computer set to English sees Spanish from the very first frame. */
  @Test
  void theFirstFrameIsInTheLanguageSetLastTimeNotTheComputers() throws Exception {
    Locale systemLocale = Locale.getDefault();
    Locale.setDefault(Locale.US);
    try {
      window.chooseScriptedModel("es");
      // What the last run left when the person chose Spanish.
      new RememberedLanguage(window.paths()).remember("es");
      Stage stage = FxToolkit.registerPrimaryStage();
      List<String> firstFrame = new CopyOnWriteArrayList<>();
      ChangeListener<Scene> firstScene = (obs, old, scene) -> {
        if (firstFrame.isEmpty() && scene != null) {
          firstFrame.addAll(texts(scene.getRoot()));
        }
      };
      fx(() -> {
        stage.sceneProperty().addListener(firstScene);
        return null;
      });
      TarsApp tars = window.start(loadingUntilReleased());
      fx(() -> {
        stage.sceneProperty().removeListener(firstScene);
        return null;
      });

      assertThat(firstFrame).as("the starting view, drawn before any service is open")
          .contains("Iniciando…", "Nuevo chat").doesNotContain("Starting…", "New chat");
      dev.tars.testkit.Waiting.waitUntil(java.time.Duration.ofSeconds(120), () -> {
        try {
          return fx(() -> navButtons().stream().anyMatch(b -> b.getText().equals("Modelos")));
        } catch (java.util.concurrent.TimeoutException e) {
          return false;
        }
      });
      // Choosing English in Settings is what the next start shows first.
      tars.runtime().settings().save(tars.runtime().settings().get().withLanguage("en"));
      assertThat(new RememberedLanguage(window.paths()).read()).isEqualTo("en");
    } finally {
      Locale.setDefault(systemLocale);
    }
  }

  /** An engine that says it is loading until the test lets it finish. */
  private EngineHost.Factory loadingUntilReleased() {
    return (settings, sink) -> {
      sink.accept(EngineStatus.local(EngineStatus.State.LOADING, "scripted.gguf"));
      try {
        engineMayLoad.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ScriptedEngine("Ready now.", 0);
    };
  }

  /** The texts a person reads in {@code root}: labels, buttons and empty fields' prompts. */
  private static List<String> texts(Parent root) {
    List<String> texts = new ArrayList<>();
    for (Node node : root.lookupAll("*")) {
      if (node instanceof Labeled labeled && labeled.getText() != null) {
        texts.add(labeled.getText());
      } else if (node instanceof TextInputControl input && input.getPromptText() != null) {
        texts.add(input.getPromptText());
      }
    }
    return texts;
  }
}
