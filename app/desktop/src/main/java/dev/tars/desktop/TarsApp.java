package dev.tars.desktop;

import dev.tars.backup.PendingRestore;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.desktop.shell.StartingView;
import dev.tars.runtime.EngineHost;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: a thin front end over {@link TarsRuntime}, which builds every service. The window shows
 * at once ({@link StartingView}); the services open on a start-up thread behind it, never on the JavaFX thread. On close, answers under way are
 * stored as stopped, then the runtime closes everything in reverse order with bounded waits.
 */
public final class TarsApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(TarsApp.class);

  private final RuntimeOptions runtimeOptions;
  private TarsRuntime runtime;
  private DesktopShell shell;
  private volatile String startupProblem;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final FxUiDispatcher ui = new FxUiDispatcher();
  private LaunchOptions launch = LaunchOptions.NONE;
  private final RememberedLanguage rememberedLanguage;
  /** The language of the window's first frames, before the settings can be read. */
  private String firstLanguage = "";

  public TarsApp() {
    this(AppPaths.fromEnvironment());
  }

  /** An app on the data home {@code paths} (tests use a temporary one). */
  public TarsApp(AppPaths paths) {
    this.runtimeOptions = RuntimeOptions.of(paths, appVersion()).applyingPendingRestore();
    this.rememberedLanguage = new RememberedLanguage(paths);
  }

  /** An app whose engines come from {@code engineFactory} instead of the settings' local model or server. */
  TarsApp(AppPaths paths, EngineHost.Factory engineFactory) {
    this.runtimeOptions = RuntimeOptions.of(paths, appVersion()).applyingPendingRestore()
        .withEngineFactory(engineFactory);
    this.rememberedLanguage = new RememberedLanguage(paths);
  }

  /**
   * Only what must come before any file is opened: the data home and a restore asked for on the Backups page.
   * The services open in {@link #start} behind the window.
   */
  @Override
  public void init() {
    StartupTrace.mark("JavaFX toolkit up, init");
    // After a restart for a restore, nothing may be opened before the previous run has exited.
    AppRestart.awaitPreviousRun(LOG);
    launch = LaunchOptions.parse(getParameters() == null ? List.of() : getParameters().getRaw());
    firstLanguage = rememberedLanguage.read();
    try {
      runtime = TarsRuntime.open(runtimeOptions);
    } catch (RuntimeException e) {
      LOG.error("Tars could not start on {}", runtimeOptions.paths().home(), e);
      startupProblem = e.getMessage();
    }
  }

  /** The runtime under the window (tests read what the window wrote through it). */
  TarsRuntime runtime() {
    return runtime;
  }

  /** Opens every service (database, engine, documents...) on the start-up thread, never the JavaFX one. */
  private void openServices() {
    if (launch.smoke() && launch.model() != null) {
      runtime.settings().save(runtime.settings().get().withModelPath(launch.model().toString()));
    }
    runtime.startAll();
    rememberedLanguage.remember(runtime.settings().get().language());
    runtime.settings().addListener(saved -> rememberedLanguage.remember(saved.language()));
    // A session logout or `kill` skips stop(): still stop the engine process and close the database.
    Runtime.getRuntime().addShutdownHook(NamedThreads.named("shutdown").newThread(this::closeServices));
  }

  private static String appVersion() {
    String version = TarsApp.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /**
   * Shows the window at once (sidebar, an empty chat saying "Starting…"), opens the services behind it, then
   * puts the real window in its place.
   */
  @Override
  public void start(Stage stage) {
    StartupTrace.mark("start on the JavaFX thread");
    if (startupProblem != null) {
      tellStartupProblem();
      return;
    }
    stage.setTitle("Tars");
    var icon = TarsApp.class.getResource("/dev/tars/desktop/tars.png");
    if (icon != null) {
      stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
    }
    stage.setScene(new javafx.scene.Scene(new StartingView(I18n.forLanguage(firstLanguage)).root(),
        DesktopShell.defaultWidth(), DesktopShell.defaultHeight()));
    stage.setOnShown(e -> StartupTrace.mark("starting view shown"));
    StartupTrace.mark("starting view built");
    stage.show();
    NamedThreads.named("startup").newThread(() -> {
      try {
        openServices();
        StartupTrace.mark("services open");
        ui.run(() -> showMainWindow(stage));
      } catch (RuntimeException e) {
        if (closed.get()) {
          LOG.info("Closed while starting: {}", e.toString());
          return;
        }
        LOG.error("Tars could not start on {}", runtimeOptions.paths().home(), e);
        startupProblem = e.getMessage() == null ? e.toString() : e.getMessage();
        closeServices();
        ui.run(this::tellStartupProblem);
      }
    }).start();
  }

  private void showMainWindow(Stage stage) {
    if (closed.get()) {
      return;
    }
    shell = new DesktopShell(DesktopServices.of(runtime, AppRestart::restart),
        I18n.forLanguage(runtime.settings().get().language()));
    shell.show(stage);
    runtime.restoreOutcome().ifPresent(this::tellRestoreOutcome);
    if (launch.smoke()) {
      new SmokeRun(runtime.chats(), System.out, TarsLauncher.STARTED_NANOS).start();
    } else if (launch.model() != null) {
      offerModel(launch.model());
    }
    stage.setOnHidden(e -> LOG.info("Main window closed"));
    StartupTrace.mark("main window shown");
  }

  private void tellStartupProblem() {
    I18n i18n = I18n.forLanguage(firstLanguage);
    Alert alert = new Alert(Alert.AlertType.ERROR, i18n.get("app.startFailed", runtimeOptions.paths().home(),
        startupProblem));
    alert.setHeaderText(i18n.get("app.startFailedTitle"));
    alert.showAndWait();
    Platform.exit();
  }

  /** The person restarted for a restore: say whether it was done (a refused archive leaves the data as it was). */
  private void tellRestoreOutcome(PendingRestore.Outcome outcome) {
    I18n i18n = I18n.forLanguage(runtime.settings().get().language());
    shell.viewModel().notices().post(outcome.restored()
        ? new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("backups.restored"))
        : new Notices.Notice(Notices.Kind.ERROR, i18n.get(outcome.dataUnchanged() ? "backups.restoreAbandoned"
            : "backups.restoreNotUndone", String.join(" ", outcome.problems()))));
  }

  /** A .gguf file was double-clicked (file association): offer to answer with it. */
  private void offerModel(Path model) {
    I18n i18n = I18n.forLanguage(runtime.settings().get().language());
    Alert ask = new Alert(Alert.AlertType.CONFIRMATION, i18n.get("app.useModel", model.getFileName()));
    ask.setHeaderText(i18n.get("app.useModelTitle"));
    ask.showAndWait().filter(button -> button == javafx.scene.control.ButtonType.OK)
        .ifPresent(button -> runtime.settings().save(runtime.settings().get()
            .withModelPath(model.toAbsolutePath().toString())));
  }

  @Override
  public void stop() {
    LOG.info("Shutting down");
    if (shell != null) {
      shell.stopAnswers();
      shell.close();
    }
    closeServices();
    ui.close();
    LOG.info("Shut down");
  }

  private void closeServices() {
    if (closed.compareAndSet(false, true) && runtime != null) {
      runtime.close();
    }
  }
}
