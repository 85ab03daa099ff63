package dev.tars.cli;

import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars projects list | add NAME [--instructions TEXT]}: the projects of the window's switcher. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "List and add projects.",
    subcommands = {ProjectsCommand.ListProjects.class, ProjectsCommand.AddProject.class})
final class ProjectsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tars projects list}: one project a line, with its instructions' first line. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the projects.")
  static final class ListProjects implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (TarsRuntime runtime = CliRuntime.open()) {
        PrintWriter out = spec.commandLine().getOut();
        for (Project project : runtime.memory().projects().projects()) {
          String instructions = project.instructions().strip().lines().findFirst().orElse("");
          out.printf("%4d  %-24s %s%n", project.id(), project.name(), instructions);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code tars projects add NAME [--instructions TEXT]}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a project.")
  static final class AddProject implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The project's name.")
    String name;

    @Option(names = "--instructions", paramLabel = "TEXT",
        description = "What Tars should always know or do in this project's conversations.")
    String instructions;

    @Override
    public Integer call() {
      try (TarsRuntime runtime = CliRuntime.open()) {
        ProjectService projects = runtime.memory().projects();
        Project project = projects.create(name);
        if (instructions != null && !instructions.isBlank()) {
          project = projects.setInstructions(project.id(), instructions);
        }
        spec.commandLine().getOut().printf("Added project %s (%d).%n", project.name(), project.id());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
    }
  }
}
