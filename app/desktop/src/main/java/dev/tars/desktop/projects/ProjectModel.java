package dev.tars.desktop.projects;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.SettingsStore;
import dev.tars.projects.Project;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Makes a project's default model the active one when the person switches to the project. Projects without a
 * default model leave the model alone, so switching to them keeps whatever was active.
 */
final class ProjectModel {
  enum Outcome {
    /** The project has no default model, or it is already the active one. */
    UNCHANGED,
    SWITCHED,
    /** The default model is a file that is not there (any more); the active model was kept. */
    MISSING
  }

  private ProjectModel() {}

  /** Blocking (reads and writes settings): call it in the background. */
  static Outcome apply(SettingsStore settings, Project project) {
    String wanted = project.defaultModel().strip();
    if (wanted.isEmpty()) {
      return Outcome.UNCHANGED;
    }
    AppSettings s = settings.get();
    if (s.engine() == EngineChoice.REMOTE && !looksLikeFile(wanted)) {
      if (wanted.equals(s.remoteModel())) {
        return Outcome.UNCHANGED;
      }
      settings.save(s.withEngine(EngineChoice.REMOTE, s.remoteUrl(), s.remoteApiKey(), wanted));
      return Outcome.SWITCHED;
    }
    if (!looksLikeFile(wanted) || !Files.isRegularFile(Path.of(wanted))) {
      return Outcome.MISSING;
    }
    if (s.engine() == EngineChoice.LOCAL && wanted.equals(s.modelPath())) {
      return Outcome.UNCHANGED;
    }
    AppSettings local = s.engine() == EngineChoice.LOCAL ? s
        : s.withEngine(EngineChoice.LOCAL, s.remoteUrl(), s.remoteApiKey(), s.remoteModel());
    settings.save(local.withModelPath(wanted));
    return Outcome.SWITCHED;
  }

  private static boolean looksLikeFile(String text) {
    try {
      Path p = Path.of(text);
      return p.isAbsolute() || text.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf");
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
