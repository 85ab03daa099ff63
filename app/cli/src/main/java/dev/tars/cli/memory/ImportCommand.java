package dev.tars.cli.memory;

import dev.tars.exchange.ExchangeService;
import dev.tars.exchange.ImportException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars import FILE [--project NAME]}: a Tars JSON export or ChatGPT's export (json or zip). */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import a Tars JSON export or a ChatGPT export (conversations.json or the zip it comes in).",
        "A project export becomes a new project; conversations go into --project (default: Default)."})
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(names = "--project", paramLabel = "NAME", description = "Project for imported conversations.")
  String project;

  @Override
  public Integer call() {
    try (CliMemory m = new CliMemory()) {
      ExchangeService.ImportResult result = m.exchange.importFile(file, m.project(project).id());
      spec.commandLine().getOut().printf("Imported %d conversation(s) and %d memories from a %s export into"
          + " project \"%s\".%n", result.conversationIds().size(), result.memories(), result.format(),
          m.projects.project(result.projectId()).name());
      return 0;
    } catch (ImportException e) {
      spec.commandLine().getErr().println("tars: " + e.getMessage());
      return 1;
    }
  }
}
