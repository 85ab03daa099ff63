package dev.tars.desktop;

import dev.tars.actions.Action;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Opens Tars on a fresh data home in the language {@code -Ddemo.language} (en, es), sends the sentences given as
 * arguments one after the other and prints {@code SHOT <n>} when each card is on screen, then shows a due
 * reminder's notice ({@code SHOT notice}), so that a script under Xvfb can take screenshots
 * ({@code import -window root}). For looking at the action card, not a test.
 */
public final class ActionsDemo extends Application {
  private TarsApp app;

  @Override
  public void init() {
    AppPaths paths = DemoHome.open("/tmp/tars-actions-demo");
    ZoneId zone = ZoneId.systemDefault();
    try (Database db = TestDatabase.open(paths)) {
      StoredSettings settings = new StoredSettings(db.dataSource());
      settings.save(settings.get().withModelPath(paths.home().resolve("scripted.gguf").toString())
          .withLanguage(System.getProperty("demo.language", "en")));
      try (Actions actions = Actions.open(db.dataSource(), new MemoryService(db.dataSource(), Clock.systemUTC()),
          Clock.system(zone), zone, DesktopNotifier.NONE)) {
        actions.service().execute(new Action.CreateReminder(System.getProperty("demo.reminder", "water the plants"),
            Instant.now().plusSeconds(Long.getLong("demo.reminderSeconds", 600)), zone), Origin.CLI);
      }
    }
    app = new TarsApp(paths, (settings, status) -> new ScriptedEngine("…", 0));
    app.init();
  }

  @Override
  public void start(Stage stage) {
    app.start(stage);
    List<String> sentences = getParameters().getRaw();
    step(stage, sentences, 0);
  }

  private void step(Stage stage, List<String> sentences, int index) {
    PauseTransition wait = new PauseTransition(Duration.seconds(index == 0 ? 4 : 3));
    wait.setOnFinished(e -> {
      if (index > 0) {
        System.out.println("SHOT " + index);
        System.out.flush();
      }
      if (index < sentences.size()) {
        PauseTransition settle = new PauseTransition(Duration.seconds(index == 0 ? 0 : 2));
        settle.setOnFinished(f -> {
          ((TextArea) stage.getScene().lookup(".composer-input")).setText(sentences.get(index));
          ((Button) stage.getScene().lookup(".composer-button")).fire();
          step(stage, sentences, index + 1);
        });
        settle.play();
      }
    });
    wait.play();
  }

  @Override
  public void stop() {
    app.stop();
  }

  /** Launches the demo from a plain class, as JavaFX on the classpath requires. */
  public static final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
      DemoHome.launch(ActionsDemo.class, "/tmp/tars-actions-demo", args);
    }
  }
}
