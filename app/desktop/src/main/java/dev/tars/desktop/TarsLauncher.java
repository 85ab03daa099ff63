package dev.tars.desktop;

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

  public static void main(String[] args) {
    AppPaths paths;
    try {
      paths = AppPaths.fromEnvironment().ensureCreated();
    } catch (RuntimeException e) {
      System.err.println("tars: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.setProperty("tars.logs", paths.logs().toString());
    // JavaFX, Lucene and ONNX Runtime log through java.util.logging: send it to the same log file.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Logger log = LoggerFactory.getLogger(TarsLauncher.class);
    Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
        log.error("Uncaught failure on thread {}", thread.getName(), e));
    log.info("Tars {} starting on Java {} ({})", version(), Runtime.version(), System.getProperty("os.name"));
    log.info("Data home {}; database {}; logs {}; models {}", paths.home(), paths.database(), paths.logs(),
        paths.models());
    Application.launch(TarsApp.class, args);
    log.info("Tars exited");
  }

  private static String version() {
    String version = TarsLauncher.class.getPackage().getImplementationVersion();
    return version == null ? "(development)" : version;
  }
}
