package dev.tars.desktop;

import dev.tars.config.AppPaths;
import java.nio.file.Path;
import javafx.application.Application;

/** The data home of a demo of the whole app ({@code -Dtars.home}, else a folder of its own under /tmp). */
final class DemoHome {
  private DemoHome() {}

  static AppPaths open(String fallback) {
    return new AppPaths(folder(fallback)).ensureCreated();
  }

  /** Launches {@code demo} from a plain class, as JavaFX on the classpath requires, logging into its data home. */
  static void launch(Class<? extends Application> demo, String fallback, String[] args) {
    System.setProperty("tars.logs", folder(fallback).resolve("logs").toString());
    Application.launch(demo, args);
  }

  private static Path folder(String fallback) {
    return Path.of(System.getProperty("tars.home", fallback));
  }
}
