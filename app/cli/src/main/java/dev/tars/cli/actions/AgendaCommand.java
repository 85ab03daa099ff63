package dev.tars.cli.actions;

import dev.tars.actions.Action;
import dev.tars.actions.ActionService;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.AgendaEvent;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.i18n.ActionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars agenda add | list | import | export}. */
@Command(name = "agenda", mixinStandardHelpOptions = true, description = "Events: add, list, import and export .ics.",
    subcommands = {AgendaCommand.Add.class, AgendaCommand.ListEvents.class, AgendaCommand.Import.class,
        AgendaCommand.Export.class})
public final class AgendaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an event.")
  public static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TITLE")
    List<String> words;

    @Option(names = "--start", required = true, paramLabel = "DATETIME",
        description = "2026-12-21T09:30 in your time zone; a day (2026-12-21) with --all-day.")
    String start;

    @Option(names = "--end", paramLabel = "DATETIME",
        description = "Default: an hour after the start. All-day: the day after the last day, as in iCalendar.")
    String end;

    @Option(names = "--location", paramLabel = "PLACE")
    String location;

    @Option(names = "--all-day", description = "An all-day event (a day, or days, without times).")
    boolean allDay;

    @Option(names = "--repeat", paramLabel = "RULE",
        description = "daily, weekly, monthly, yearly, or an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10.")
    String repeat;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes kept with the event.")
    String notes;

    @Option(names = "--alert", paramLabel = "MINUTES", description = "Alert this many minutes before; repeatable.")
    List<Integer> alerts;

    @Override
    public Integer call() {
      try (CliActions cli = CliActions.open()) {
        LocalDateTime from = parse(cli, start);
        LocalDateTime to = end == null ? null : parse(cli, end);
        try {
          EventDraft draft = new EventDraft(String.join(" ", words), from, to, allDay, cli.zone, location, notes,
              repeat, alerts);
          AgendaEvent event = (AgendaEvent) cli.actions.service().execute(new Action.CreateEvent(draft), Origin.CLI)
              .subject();
          String when = event.allDay() ? Formats.day(event.startDay(), cli.words.locale())
              : Formats.dateTime(event.start(), cli.zone, cli.words.locale());
          spec.commandLine().getOut().println(cli.words.get("agenda.added", event.id(), event.title(), when));
          return 0;
        } catch (ActionException e) {
          return cli.fail(spec, e);
        }
      }
    }

    private LocalDateTime parse(CliActions cli, String text) {
      try {
        return Formats.parseDateTime(text, cli.zone);
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), cli.words.get("bad.dateTime", text));
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Occurrences in a range of days (repeating events expanded), in your time zone.")
  public static final class ListEvents implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", paramLabel = "DAY", description = "First day, 2026-12-21 (default: today).")
    String from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last day, included (default: the first day).")
    String to;

    @Option(names = "--json", description = "JSON Lines: {\"uid\",\"title\",\"start\",\"end\",\"allDay\",\"location\"}.")
    boolean json;

    @Override
    public Integer call() {
      try (CliActions cli = CliActions.open()) {
        LocalDate first = from == null ? LocalDate.now(cli.clock) : day(cli, from);
        LocalDate last = to == null ? first : day(cli, to);
        if (last.isBefore(first)) {
          throw new CommandLine.ParameterException(spec.commandLine(), cli.words.get("bad.range", from, to));
        }
        Agenda.OccurrenceList list = cli.actions.agenda().occurrences(first, last);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          list.occurrences().forEach(o -> out.println(Formats.json(o, cli.zone)));
        } else {
          printDays(out, cli, list.occurrences(), first, last);
        }
        if (list.truncated()) {
          spec.commandLine().getErr().println(cli.words.get("agenda.truncated", Agenda.MAX_OCCURRENCES));
        }
        return 0;
      }
    }

    private LocalDate day(CliActions cli, String text) {
      try {
        return LocalDate.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), cli.words.get("bad.day", text));
      }
    }
  }

  /** The occurrences grouped by day, as a person reads them. */
  static void printDays(PrintWriter out, CliActions cli, List<Occurrence> occurrences, LocalDate first,
      LocalDate last) {
    if (occurrences.isEmpty()) {
      out.println(cli.words.get("agenda.empty", Formats.day(first, cli.words.locale()),
          Formats.day(last, cli.words.locale())));
      return;
    }
    LocalDate shown = null;
    for (Occurrence o : occurrences) {
      LocalDate day = o.allDay() ? o.startDay() : o.start().atZone(cli.zone).toLocalDate();
      if (day.isBefore(first)) {
        day = first;
      }
      if (!day.equals(shown)) {
        out.println(Formats.day(day, cli.words.locale()));
        shown = day;
      }
      String time = o.allDay() ? cli.words.get("agenda.allDay")
          : Formats.time(o.start(), cli.zone, cli.words.locale()) + "–" + Formats.time(o.end(), cli.zone,
              cli.words.locale());
      out.println("  " + time + "  " + o.title() + (o.location().isEmpty() ? "" : "  @ " + o.location()));
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import an .ics file (all of it or nothing); events already there are updated.")
  public static final class Import extends ActionCommand {
    @Parameters(index = "0", paramLabel = "FILE.ics")
    Path file;

    @Override
    void run(CliActions cli, PrintWriter out) throws ActionException {
      var calendar = cli.actions.agenda().read(file);
      var outcome = cli.actions.service().execute(new Action.ImportCalendar(calendar), Origin.CLI);
      ActionService.ImportSummary s = (ActionService.ImportSummary) outcome.subject();
      out.println(cli.words.get("agenda.imported", s.events(), s.tasks(), file, s.replaced()));
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write every event and task to an .ics file (replaced if it exists).")
  public static final class Export extends ActionCommand {
    @Parameters(index = "0", paramLabel = "FILE.ics")
    Path file;

    @Override
    void run(CliActions cli, PrintWriter out) throws ActionException {
      var outcome = cli.actions.service().execute(new Action.ExportCalendar(file), Origin.CLI);
      out.println(cli.words.get("agenda.exported", outcome.subject(), cli.actions.reminders().all().size(), file));
    }
  }
}
