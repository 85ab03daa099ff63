package dev.tars.cli.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.reminders.Reminder;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tars reminders [--json]}: pending first by due time, then the rest. */
@Command(name = "reminders", mixinStandardHelpOptions = true, description = "List reminders and tasks.")
public final class RemindersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "JSON Lines: {\"id\",\"text\",\"due\",\"status\"}.")
  boolean json;

  @Override
  public Integer call() {
    try (CliActions cli = CliActions.open()) {
      PrintWriter out = spec.commandLine().getOut();
      List<Reminder> all = cli.actions.reminders().all();
      if (all.isEmpty() && !json) {
        out.println(cli.words.get("reminders.none"));
      }
      for (Reminder r : all) {
        String status = r.status().name().toLowerCase(Locale.ROOT);
        if (json) {
          ObjectNode line = Formats.object();
          line.put("id", r.id());
          line.put("text", r.text());
          line.put("due", r.due() == null ? null : Formats.iso(r.due(), cli.zone));
          line.put("status", status);
          out.println(line);
        } else {
          out.printf("%5d  %-12s %-40s %s%n", r.id(), cli.words.get("status." + status),
              r.due() == null ? "" : Formats.dateTime(r.due(), cli.zone, cli.words.locale()), r.text());
        }
      }
      return 0;
    }
  }
}
