package dev.tars.cli;

import dev.tars.config.AppPaths;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * How every command gets Tars: the {@link TarsRuntime} on this process's data home. Commands ask it only for
 * what they use, so {@code tars search} never starts an engine and {@code tars memory} never schedules backups.
 */
public final class CliRuntime {
  private CliRuntime() {}

  /** The runtime on the data home ({@code TARS_HOME} or the OS default); the caller closes it. */
  public static TarsRuntime open() {
    return open(UnaryOperator.identity());
  }

  /** Like {@link #open()}, with {@code adjust} changing the options (a model file, OCR languages...). */
  public static TarsRuntime open(UnaryOperator<RuntimeOptions> adjust) {
    return TarsRuntime.open(adjust.apply(RuntimeOptions.of(AppPaths.fromEnvironment(), version())));
  }

  /** The version Maven filtered into {@code tars-version.properties}. */
  public static String version() {
    try (InputStream in = CliRuntime.class.getResourceAsStream("/tars-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * A project by (case-insensitive) name or id; null = the Default project.
   *
   * @throws IllegalArgumentException naming the known projects when there is none by that name
   */
  public static Project project(ProjectService projects, String nameOrId) {
    if (nameOrId == null) {
      return projects.project(Project.DEFAULT_ID);
    }
    String wanted = nameOrId.strip();
    return projects.projects().stream()
        .filter(p -> p.name().equalsIgnoreCase(wanted) || String.valueOf(p.id()).equals(wanted))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("There is no project called \"" + nameOrId
            + "\". Known: " + String.join(", ", projects.projects().stream().map(Project::name).toList())
            + ". Add one with: tars projects add NAME"));
  }
}
