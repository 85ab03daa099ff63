package dev.tars.mcpclient;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the program a command server names, as the operating system would start it: a path as written, else the
 * first match on the {@code PATH} (the server's own {@code PATH} when its settings give one). A missing program is
 * known at once, instead of after the server's time limit.
 */
final class CommandLookup {
  private CommandLookup() {}

  static Optional<Path> find(String command, Map<String, String> env) {
    if (command == null || command.isBlank()) {
      return Optional.empty();
    }
    try {
      if (command.contains("/") || command.contains(File.separator)) {
        Path path = Path.of(command);
        return runnable(path) ? Optional.of(path) : Optional.empty();
      }
      String searched = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
      boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
      List<String> endings = windows ? List.of("", ".exe", ".cmd", ".bat", ".com") : List.of("");
      for (String folder : searched.split(File.pathSeparator)) {
        if (folder.isBlank()) {
          continue;
        }
        for (String ending : endings) {
          Path candidate = Path.of(folder, command + ending);
          if (runnable(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
      return Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static boolean runnable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
