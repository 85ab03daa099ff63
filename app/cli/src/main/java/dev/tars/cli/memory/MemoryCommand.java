package dev.tars.cli.memory;

import dev.tars.memory.Memory;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.Proposal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars memory}: list what Tars remembers and what it proposes; {@code tars memory add TEXT}. */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "List memories and proposed facts.", subcommands = MemoryCommand.Add.class)
public final class MemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (CliMemory m = new CliMemory()) {
      PrintWriter out = spec.commandLine().getOut();
      for (Memory memory : m.memories.all()) {
        out.printf("%4d %s %-20s %s%n", memory.id(), memory.pinned() ? "*" : " ", scope(m, memory.scope()),
            memory.text());
      }
      for (Proposal p : m.memories.pendingProposals()) {
        out.printf("   ? proposed (%s) %s%n", scope(m, p.scope()), p.text());
      }
      if (m.memories.all().isEmpty() && m.memories.pendingProposals().isEmpty()) {
        out.println("Nothing remembered yet. Add a fact with: tars memory add \"Prefers metric units\"");
      }
      return 0;
    }
  }

  private static String scope(CliMemory m, MemoryScope scope) {
    return scope.isGlobal() ? "everywhere" : m.projects.project(scope.projectId()).name();
  }

  /** {@code tars memory add TEXT [--project NAME] [--pin]}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Remember a fact.")
  public static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT")
    String text;

    @Option(names = "--project", paramLabel = "NAME", description = "Only in this project (default: everywhere).")
    String project;

    @Option(names = "--pin", description = "Always give it to the model.")
    boolean pin;

    @Override
    public Integer call() {
      try (CliMemory m = new CliMemory()) {
        MemoryScope scope = project == null ? MemoryScope.GLOBAL : MemoryScope.project(m.project(project).id());
        Memory added = m.memories.add(scope, text, pin);
        spec.commandLine().getOut().printf("Remembered (%d): %s%n", added.id(), added.text());
        return 0;
      }
    }
  }
}
