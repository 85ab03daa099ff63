package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.engine.EngineStatus;
import dev.tars.storage.Database;
import dev.tars.testkit.Waiting;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A person who chose Spanish on a computer set to English: the whole app started on a real H2 database, and the
 * window's very first frame (the starting view, drawn before the database is open) already speaks Spanish.
 */
class StartupLanguageIT {
  @TempDir Path home;
  private final FxRobot robot = new FxRobot();
  private final CountDownLatch engineMayLoad = new CountDownLatch(1);
  private final Locale systemLocale = Locale.getDefault();
  private Application app;

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @AfterEach
  void close() throws Exception {
    engineMayLoad.countDown();
    if (app != null) {
      FxToolkit.cleanupApplication(app);
    }
    Locale.setDefault(systemLocale);
  }

  @Test
  void theFirstFrameIsInTheLanguageSetLastTimeNotTheComputers() throws Exception {
    Locale.setDefault(Locale.US);
    AppPaths paths = new AppPaths(home).ensureCreated();
    try (Database db = TestDatabase.open(paths)) {
      StoredSettings settings = new StoredSettings(db.dataSource());
      settings.save(settings.get().withModelPath("/models/scripted.gguf").withLanguage("es"));
    }
    // What the last run left when the person chose Spanish.
    new RememberedLanguage(paths).remember("es");

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
    app = FxToolkit.setupApplication(() -> new TarsApp(paths, (settings, sink) -> {
      sink.accept(EngineStatus.local(EngineStatus.State.LOADING, "scripted.gguf"));
      try {
        engineMayLoad.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ScriptedEngine("Listo.", 0);
    }));
    fx(() -> {
      stage.sceneProperty().removeListener(firstScene);
      return null;
    });

    assertThat(firstFrame).as("the starting view, before any service is open")
        .contains("Iniciando…", "Nuevo chat").doesNotContain("Starting…", "New chat");

    Waiting.waitUntil(Duration.ofSeconds(120), () -> {
      try {
        return fx(() -> robot.lookup(".nav-button").queryAll().stream()
            .anyMatch(n -> n instanceof Labeled l && "Modelos".equals(l.getText())));
      } catch (TimeoutException e) {
        return false;
      }
    });

    // Choosing English in Settings is what the next start shows first.
    TarsApp tars = (TarsApp) app;
    tars.runtime().settings().save(tars.runtime().settings().get().withLanguage("en"));
    assertThat(new RememberedLanguage(paths).read()).isEqualTo("en");
  }

  private static List<String> texts(Parent root) {
    List<String> texts = new java.util.ArrayList<>();
    for (Node node : root.lookupAll("*")) {
      if (node instanceof Labeled labeled && labeled.getText() != null) {
        texts.add(labeled.getText());
      } else if (node instanceof javafx.scene.control.TextInputControl input && input.getPromptText() != null) {
        texts.add(input.getPromptText());
      }
    }
    return texts;
  }
}
