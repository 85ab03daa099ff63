package dev.tars.desktop;

import dev.tars.config.AppPaths;
import dev.tars.config.AppSettings;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.fx.FxWait;
import dev.tars.runtime.EngineHost;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.application.Application;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The whole app in a window test (TestFX, headless): a data home in the test's folder, what a past run would have
 * left there written before start, {@link TarsApp} started on it, and the app closed after each test. Register it
 * with {@code @RegisterExtension final AppWindow window = new AppWindow(() -> home);} next to {@code @TempDir Path
 * home}.
 */
public final class AppWindow implements AfterEachCallback {
  /** Any chosen model: a chosen model opens the chat instead of the welcome; scripted engines never read it. */
  public static final String SCRIPTED_MODEL = "/models/scripted.gguf";
  // Start-up opens H2 and builds the window; on a busy 2-core machine that can take longer than TestFX's 30 s.
  private static final long SETUP_TIMEOUT_MILLIS = 120_000;
  private static final long MAIN_WINDOW_SECONDS = 60;

  /** Writes into the data home's database before the app opens it. */
  @FunctionalInterface
  public interface Seed {
    void into(Database database) throws Exception;
  }

  private final Supplier<Path> home;
  private final FxRobot robot = new FxRobot();
  private AppPaths paths;
  private Stage stage;
  private Application app;

  /** {@code home} is read on first use, once JUnit has made the test's folder. */
  public AppWindow(Supplier<Path> home) {
    this.home = home;
  }

  /** The data home, created on first use. */
  public AppPaths paths() {
    if (paths == null) {
      paths = new AppPaths(home.get()).ensureCreated();
    }
    return paths;
  }

  /** Chooses {@link #SCRIPTED_MODEL} and the window's language, as the welcome would have. */
  public void chooseScriptedModel(String language) throws Exception {
    settings(settings -> settings.withModelPath(SCRIPTED_MODEL).withLanguage(language));
  }

  /** Changes the stored settings before the app opens. */
  public void settings(UnaryOperator<AppSettings> change) throws Exception {
    seed(database -> {
      StoredSettings settings = new StoredSettings(database.dataSource());
      settings.save(change.apply(settings.get()));
    });
  }

  /** Runs {@code seed} on the data home's database (a real H2 file, every migration applied), then closes it. */
  public void seed(Seed seed) throws Exception {
    try (Database database = TestDatabase.open(paths())) {
      seed.into(database);
    }
  }

  /** Starts the app with engines from {@code engines} and waits until its main window has replaced start-up. */
  public TarsApp open(EngineHost.Factory engines) throws Exception {
    TarsApp started = start(engines);
    FxWait.waitForMainWindow(robot, MAIN_WINDOW_SECONDS);
    return started;
  }

  /** Starts the app with engines from {@code engines}; returns once the window shows, services may still open. */
  public TarsApp start(EngineHost.Factory engines) throws Exception {
    return launch(() -> new TarsApp(paths(), engines));
  }

  /** Starts the app on the engine its settings choose (a local model runs in a child process, as installed). */
  public TarsApp startOnSettingsEngine() throws Exception {
    return launch(() -> new TarsApp(paths()));
  }

  private TarsApp launch(Supplier<TarsApp> create) throws Exception {
    FxToolkit.toolkitContext().setSetupTimeoutInMillis(SETUP_TIMEOUT_MILLIS);
    stage = FxToolkit.registerPrimaryStage();
    TarsApp started = (TarsApp) FxToolkit.setupApplication(create::get);
    app = started;
    return started;
  }

  /** The window the app shows in. */
  public Stage stage() {
    return stage;
  }

  /** Closes the app as a person closing the window would; a test may start it again on the same data home. */
  public void close() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
      app = null;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    close();
  }
}
