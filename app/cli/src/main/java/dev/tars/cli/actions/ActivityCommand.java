package dev.tars.cli.actions;

import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.i18n.ActionException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars activity [-n N] [--json]} lists actions taken; {@code tars activity undo ID} reverses one. */
@Command(name = "activity", mixinStandardHelpOptions = true,
    description = "Every action taken (window, router, command line, API), newest first.",
    subcommands = ActivityCommand.Undo.class)
public final class ActivityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "JSON Lines: {\"id\",\"at\",\"origin\",\"kind\",\"summary\",\"canUndo\"}.")
  boolean json;

  @Override
  public Integer call() {
    try (CliActions cli = CliActions.open()) {
      PrintWriter out = spec.commandLine().getOut();
      for (ActivityEntry e : cli.actions.activity().recent(Math.max(1, Math.min(limit, 1000)))) {
        if (json) {
          var line = Formats.object();
          line.put("id", e.id());
          line.put("at", Formats.iso(e.at(), cli.zone));
          line.put("origin", e.origin().id());
          line.put("client", e.client());
          line.put("kind", e.kind());
          line.put("summary", e.summary());
          line.put("canUndo", e.canUndo());
          out.println(line);
        } else {
          out.printf("%5d  %s  %-8s %-16s %s%s%n", e.id(), Formats.dateTime(e.at(), cli.zone, cli.words.locale()),
              e.origin().id() + (e.client().isEmpty() ? "" : ":" + e.client()), e.kind(), e.summary(), e.canUndo() ? "" : e.undoneAt() != null
                  ? "  (" + cli.words.get("activity.undone") + ")" : "");
        }
      }
      return 0;
    }
  }

  @Command(name = "undo", mixinStandardHelpOptions = true, description = "Undo an action by its id.")
  public static final class Undo extends ActionCommand {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    void run(CliActions cli, PrintWriter out) throws ActionException {
      ActivityEntry undo = cli.actions.service().undo(id, Origin.CLI);
      out.println(cli.words.get("activity.undid", id, undo.summary()));
    }
  }
}
