package dev.tars.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a manifest's sources may be restored into a data home. An archive is a file anyone could have
 * written, so its names are checked before anything is extracted or moved: a source name is one plain folder
 * name, a restore path is relative, has no {@code .} or {@code ..} step, does not lead through a link out of the
 * data home, does not touch Tars's own bookkeeping folders, and no two sources overlap.
 */
final class ManifestCheck {
  private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** Folders of the data home a restore must never replace: the backups themselves and the restore's own. */
  private static final Set<String> RESERVED = Set.of("backups", "restore-staging", "restore-replaced", "tmp", "logs");

  private ManifestCheck() {}

  /** Problems with the names alone, whatever the data home; empty when they are safe. */
  static List<String> nameProblems(Manifest manifest) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Manifest.Source source : manifest.sources()) {
      String name = source.name();
      if (name == null || !SOURCE_NAME.matcher(name).matches() || name.contains("..")) {
        problems.add("The backup lists a source with an unsafe name (" + name + "); it will not be restored.");
      } else if (!names.add(name)) {
        problems.add("The backup lists the source " + name + " twice; it will not be restored.");
      }
      String unsafe = restorePathProblem(source.restorePath());
      if (unsafe != null) {
        problems.add("The backup wants to restore " + name + " into " + source.restorePath() + ", " + unsafe
            + "; it will not be restored.");
      }
    }
    return problems;
  }

  /** {@link #nameProblems} plus where each restore path leads in {@code home}; empty when all is safe. */
  static List<String> problems(Manifest manifest, Path home) {
    List<String> problems = nameProblems(manifest);
    if (!problems.isEmpty()) {
      return problems;
    }
    Path base = home.toAbsolutePath().normalize();
    List<Path> targets = new ArrayList<>();
    for (Manifest.Source source : manifest.sources()) {
      Path target = base.resolve(source.restorePath()).normalize();
      if (!target.startsWith(base) || target.equals(base)) {
        problems.add("The backup wants to restore " + source.name() + " into " + source.restorePath()
            + ", which is outside the Tars data folder; it will not be restored.");
      } else if (leavesThroughALink(base, target)) {
        problems.add("The backup wants to restore " + source.name() + " into " + source.restorePath()
            + ", which leads out of the Tars data folder through a link; it will not be restored.");
      } else {
        for (Path other : targets) {
          if (target.startsWith(other) || other.startsWith(target)) {
            problems.add("The backup wants to restore " + source.name() + " into " + source.restorePath()
                + ", which overlaps another of its folders; it will not be restored.");
          }
        }
        targets.add(target);
      }
    }
    return problems;
  }

  /** Why {@code path} cannot be a restore path, or null when it is a plain relative path. */
  private static String restorePathProblem(String path) {
    if (path == null || path.isBlank()) {
      return "which is empty";
    }
    if (path.startsWith("/") || path.contains("\\") || path.contains(":") || path.contains("\0")) {
      return "which is an absolute or foreign path";
    }
    try {
      if (Path.of(path).isAbsolute()) {
        return "which is an absolute path";
      }
    } catch (InvalidPathException e) {
      return "which is not a valid path";
    }
    List<String> steps = List.of(path.split("/", -1));
    if (steps.contains("..")) {
      return "which contains '..'";
    }
    if (steps.contains(".") || steps.contains("")) {
      return "which has an empty or '.' step";
    }
    if (RESERVED.contains(steps.getFirst())) {
      return "which is a folder Tars keeps for itself";
    }
    return null;
  }

  /** Whether the deepest existing folder on the way to {@code target} is really somewhere else. */
  private static boolean leavesThroughALink(Path base, Path target) {
    try {
      Path realBase = base.toRealPath();
      for (Path p = target; p != null && p.startsWith(base); p = p.getParent()) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          return !p.toRealPath().startsWith(realBase);
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
