package dev.tars.desktop;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the desktop app. A plain main (not an {@link Application}) so that the app runs from a classpath
 * without JavaFX on the module path. It fixes every runtime path before the first log call, so that logs go
 * to the data home, and logs those paths.
 */
public final class TarsLauncher {
  private TarsLauncher() {}

  /** When this process started, for the smoke run's start-up figure. */
  static final long STARTED_NANOS = System.nanoTime();

  private static volatile LaunchOptions launchOptions = LaunchOptions.NONE;

  /** What this process was started with ({@link LaunchOptions#NONE} when the app was not started by main). */
  static LaunchOptions launchOptions() {
    return launchOptions;
  }

  public static void main(String[] args) {
    StartupTrace.mark("main");
    launchOptions = LaunchOptions.parse(java.util.Arrays.asList(args));
    if (java.util.Arrays.asList(args).contains("--smoke") && System.getenv("TARS_HOME") == null
        && System.getProperty("tars.home") == null) {
      // A smoke run never touches the person's own data.
      try {
        System.setProperty("tars.home", java.nio.file.Files.createTempDirectory("tars-smoke").toString());
      } catch (java.io.IOException e) {
        System.err.println("tars: cannot create a temporary data folder: " + e.getMessage());
        System.exit(1);
      }
    }
    AppPaths paths;
    try {
      paths = AppPaths.fromEnvironment().ensureCreated();
    } catch (RuntimeException e) {
      System.err.println("tars: " + e.getMessage());
      System.exit(1);
      return;
    }
    StartupTrace.mark("data home ready");
    System.setProperty("tars.logs", paths.logs().toString());
    // Configuring logback and bridging java.util.logging took ~30% of the time to the window (docs/benchmarks.md,
    // start-up breakdown): it runs beside the JavaFX toolkit's start on a thread of its own. Whoever logs first
    // meanwhile gets SLF4J's stand-in logger, whose lines are written once logback is ready.
    NamedThreads.named("logging-setup").newThread(() -> configureLogging(paths)).start();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
        LoggerFactory.getLogger(TarsLauncher.class).error("Uncaught failure on thread {}", thread.getName(), e));
    StartupTrace.mark("launching JavaFX");
    Application.launch(TarsApp.class, args);
    LoggerFactory.getLogger(TarsLauncher.class).info("Tars exited");
    if (java.util.Arrays.asList(args).contains("--smoke")) {
      System.exit(SmokeRun.exitCode);
    }
  }

  private static void configureLogging(AppPaths paths) {
    Logger log = LoggerFactory.getLogger(TarsLauncher.class);
    // JavaFX, Lucene and ONNX Runtime log through java.util.logging: send it to the same log file.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    StartupTrace.mark("logging configured");
    log.info("Tars {} starting on Java {} ({})", version(), Runtime.version(), System.getProperty("os.name"));
    log.info("Data home {}; database {}; logs {}; models {}", paths.home(), paths.database(), paths.logs(),
        paths.models());
  }

  private static String version() {
    String version = TarsLauncher.class.getPackage().getImplementationVersion();
    return version == null ? "(development)" : version;
  }
}
