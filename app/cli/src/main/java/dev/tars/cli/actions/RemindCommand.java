package dev.tars.cli.actions;

import dev.tars.actions.Action;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.reminders.Reminder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars remind TEXT --at DATETIME}: the running app shows it at that time. */
@Command(name = "remind", mixinStandardHelpOptions = true,
    description = "Set a reminder; Tars shows it at that time (a missed one at the next start).")
public final class RemindCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "TEXT")
  List<String> words;

  @Option(names = "--at", required = true, paramLabel = "DATETIME",
      description = "When, in your time zone: 2026-12-21T09:30 (or 2026-12-21 09:30).")
  String at;

  @Override
  public Integer call() {
    try (CliActions cli = CliActions.open()) {
      Instant due;
      try {
        due = Formats.parseDateTime(at, cli.zone).atZone(cli.zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), cli.words.get("bad.dateTime", at));
      }
      try {
        Reminder r = (Reminder) cli.actions.service().execute(new Action.CreateReminder(String.join(" ", words), due,
            cli.zone), Origin.CLI).subject();
        spec.commandLine().getOut().println(cli.words.get("remind.added", r.id(), r.text(),
            Formats.dateTime(due, cli.zone, cli.words.locale())));
        if (due.isBefore(cli.clock.instant())) {
          spec.commandLine().getErr().println(cli.words.get("remind.past"));
        }
        return 0;
      } catch (ActionException e) {
        return cli.fail(spec, e);
      }
    }
  }
}
