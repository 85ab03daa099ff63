package dev.tars.cli.memory;

import dev.tars.exchange.TarsExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars export --conversation ID | --project NAME FILE}: Tars JSON (.json) or Markdown (other). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a conversation or a whole project (with its memories).",
        "FILE ending in .json gives Tars JSON (can be imported again); anything else gives Markdown."})
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  What what;

  static final class What {
    @Option(names = "--conversation", paramLabel = "ID", description = "The conversation's id.")
    Long conversation;

    @Option(names = "--project", paramLabel = "NAME", description = "A project's name or id.")
    String project;
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write (.json or .md).")
  Path file;

  @Override
  public Integer call() throws Exception {
    try (CliMemory m = new CliMemory()) {
      TarsExport export = what.conversation != null ? m.exchange.exportConversation(what.conversation)
          : m.exchange.exportProject(m.project(what.project).id());
      m.exchange.write(export, file);
      spec.commandLine().getOut().printf("Exported %d conversation(s)%s to %s%n", export.conversations().size(),
          export.project() == null ? "" : " and " + export.project().memories().size() + " memories", file);
      return 0;
    }
  }
}
