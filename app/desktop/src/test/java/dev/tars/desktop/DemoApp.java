package dev.tars.desktop;

import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.storage.Database;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Opens Tars on a given data home with a scripted engine that answers in Markdown: for looking at the UI and
 * taking screenshots. Run with {@code -Dtars.home=/tmp/demo-home}.
 */
public final class DemoApp extends Application {
  static final String ANSWER = """
      Here is a small **Python** function that reverses a string, with a short explanation.

      ## The function

      ```python
      def reverse(text: str) -> str:
          \"\"\"Return text with its characters in reverse order.\"\"\"
          return text[::-1]

      print(reverse("Tars"))  # sraT
      ```

      ## How it works

      1. The slice `text[::-1]` walks the string from the end to the start.
      2. Strings are *immutable*, so a **new** string is returned.
      3. It runs in `O(n)` time.

      - Works with any Unicode text
      - No imports needed

      > Tip: for very long texts, slicing is still the fastest way in CPython.
      """;

  private TarsApp app;

  @Override
  public void init() {
    AppPaths paths = DemoHome.open("/tmp/tars-demo");
    if (Boolean.getBoolean("demo.seedModel")) {
      try (Database db = TestDatabase.open(paths)) {
        StoredSettings settings = new StoredSettings(db.dataSource());
        settings.save(settings.get().withModelPath(TestModels.tiny().toString()));
      }
    }
    app = Boolean.getBoolean("demo.realEngine") ? new TarsApp(paths) : new TarsApp(paths,
        (settings, status) -> new ScriptedEngine(ANSWER, Long.getLong("demo.wordMillis", 60)));
    app.init();
  }

  @Override
  public void start(Stage stage) {
    app.start(stage);
  }

  @Override
  public void stop() {
    app.stop();
  }

  /** Launches the demo from a plain class, as JavaFX on the classpath requires. */
  public static final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
      DemoHome.launch(DemoApp.class, "/tmp/tars-demo", args);
    }
  }
}
