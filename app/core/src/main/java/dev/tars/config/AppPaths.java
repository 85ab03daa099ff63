package dev.tars.config;

import dev.tars.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Tars keeps its files. One root (the data home) holds everything so that a backup or a by-hand
 * removal is one folder. {@code TARS_HOME} (environment) or {@code -Dtars.home} overrides the OS default:
 * {@code $XDG_DATA_HOME/tars} (else {@code ~/.local/share/tars}) on Linux, {@code %APPDATA%\Tars} on Windows,
 * {@code ~/Library/Application Support/Tars} on macOS.
 */
public record AppPaths(Path home) {

  /** Resolves the data home for this process from its system properties and environment. */
  public static AppPaths fromEnvironment() {
    return resolve(System.getProperty("tars.home"), System.getenv(), System.getProperty("os.name"),
        System.getProperty("user.home"));
  }

  static AppPaths resolve(String homeProperty, Map<String, String> env, String osName, String userHome) {
    if (homeProperty != null && !homeProperty.isBlank()) {
      return new AppPaths(Path.of(homeProperty).toAbsolutePath());
    }
    String tarsHome = env.get("TARS_HOME");
    if (tarsHome != null && !tarsHome.isBlank()) {
      return new AppPaths(Path.of(tarsHome).toAbsolutePath());
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String appData = env.get("APPDATA");
      Path base = appData != null ? Path.of(appData) : Path.of(userHome, "AppData", "Roaming");
      return new AppPaths(base.resolve("Tars"));
    }
    if (os.contains("mac")) {
      return new AppPaths(Path.of(userHome, "Library", "Application Support", "Tars"));
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".local", "share");
    return new AppPaths(base.resolve("tars"));
  }

  /** The H2 database file prefix (H2 appends {@code .mv.db}). */
  public Path database() {
    return home.resolve("db").resolve("tars");
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path models() {
    return home.resolve("models");
  }

  public Path knowledge() {
    return home.resolve("knowledge");
  }

  public Path backups() {
    return home.resolve("backups");
  }

  /** Private scratch space, e.g. for native libraries unpacked by the engine (see docs/stack.md, defect 4). */
  public Path temp() {
    return home.resolve("tmp");
  }

  /**
   * Creates the folders that must exist before anything else starts, readable by this user only, and takes
   * away what other users could read in a data home made by an older Tars or under a loose umask (see
   * {@link PrivateFiles}).
   */
  public AppPaths ensureCreated() {
    try {
      for (Path dir : new Path[] {home, database().getParent(), logs(), models(), temp()}) {
        PrivateFiles.createDirectories(dir);
      }
      return makePrivate();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Tars data folder " + home + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes away what other users could read or change in an existing data home (see {@link PrivateFiles}). The
   * whole home is tightened, except when it is a person's home folder or a disk's root (TARS_HOME set so):
   * then only Tars's own folders, never the person's other files. Logs nothing: it runs before the logging
   * knows where the logs go.
   */
  public AppPaths makePrivate() {
    Path userHome = Path.of(System.getProperty("user.home", "/")).toAbsolutePath();
    if (home.getParent() != null && !home.toAbsolutePath().equals(userHome)) {
      PrivateFiles.tighten(home);
      return this;
    }
    for (Path dir : new Path[] {database().getParent(), logs(), models(), knowledge(), backups(), temp(),
        home.resolve("downloads")}) {
      PrivateFiles.tighten(dir);
    }
    return this;
  }
}
