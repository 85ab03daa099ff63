package dev.tars.files;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a program as the operating system would start it: a name with a folder in it as written, else the first
 * runnable match in the folders of a {@code PATH} value. An empty entry of a POSIX {@code PATH} (a leading, trailing
 * or doubled {@code :}) means the current folder, POSIX's old rule that {@code execvp} follows; Windows
 * ignores empty entries and also tries the usual program endings ({@code .exe}, {@code .cmd}...).
 */
public final class ProgramLookup {
  private final boolean windows;

  private ProgramLookup(boolean windows) {
    this.windows = windows;
  }

  /** The rules of the system Tars runs on. */
  public static ProgramLookup here() {
    return new ProgramLookup(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
  }

  /** Windows' rules or POSIX ones, whatever the system (for tests of both). */
  static ProgramLookup windows(boolean windows) {
    return new ProgramLookup(windows);
  }

  /**
   * @param program a program's name ({@code notify-send}) or a path to it ({@code ./bin/server})
   * @param path the {@code PATH} value to search; null or empty searches nothing but a path written out
   */
  public Optional<Path> find(String program, String path) {
    if (program == null || program.isBlank()) {
      return Optional.empty();
    }
    try {
      if (program.contains("/") || program.contains(File.separator)) {
        Path written = Path.of(program);
        return runnable(written) ? Optional.of(written) : Optional.empty();
      }
      List<String> endings = windows ? List.of("", ".exe", ".cmd", ".bat", ".com") : List.of("");
      String searched = path == null ? "" : path;
      for (String folder : searched.split(windows ? ";" : ":", -1)) {
        // An unset or empty PATH names no folder at all, not the current one.
        if (windows ? folder.isBlank() : folder.isEmpty() && searched.isEmpty()) {
          continue;
        }
        for (String ending : endings) {
          Path candidate = Path.of(folder.isEmpty() ? "." : folder, program + ending);
          if (runnable(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    } catch (InvalidPathException e) {
      // A name or folder the file system cannot even spell is not a program it can start.
    }
    return Optional.empty();
  }

  private static boolean runnable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
