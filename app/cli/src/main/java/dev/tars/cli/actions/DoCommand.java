package dev.tars.cli.actions;

import dev.tars.actions.Action;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.notes.Note;
import dev.tars.actions.router.Routed;
import dev.tars.actions.router.Router;
import dev.tars.actions.router.Routers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tars do [--yes] [--now YYYY-MM-DDTHH:MM] [--no-model] UTTERANCE}: the on-device router reads the
 * sentence (with the chat model chosen in the app deciding when the rules are unsure, decision 1202); a change
 * is described and, once confirmed (y/N on a terminal, {@code --yes} otherwise), made through the action
 * service. Questions about the agenda and the notes are answered at once.
 */
@Command(name = "do", mixinStandardHelpOptions = true,
    description = "Say what to do (\"remind me to call mom at 5pm\"); Tars asks before acting.")
public final class DoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "UTTERANCE")
  List<String> words;

  @Option(names = "--yes", description = "Act without asking (needed when input is not a terminal).")
  boolean yes;

  @Option(names = "--now", paramLabel = "YYYY-MM-DDTHH:MM", description = "Fix the clock for relative dates.")
  String now;

  @Option(names = "--no-model", description = "Use the on-device rules only; never ask the chat model, even when"
      + " the rules are unsure.")
  boolean noModel;

  private final Supplier<Router> routers;
  private final BooleanSupplier interactive;

  public DoCommand() {
    this(null, () -> System.console() != null);
  }

  /**
   * For tests: a given router (null: the rules, and the app's chat model when they are unsure), and whether input
   * counts as a terminal.
   */
  DoCommand(Supplier<Router> routers, BooleanSupplier interactive) {
    this.routers = routers;
    this.interactive = interactive;
  }

  @Override
  public Integer call() {
    try (CliActions cli = CliActions.open()) {
      PrintWriter out = spec.commandLine().getOut();
      LocalDateTime clock;
      try {
        clock = now == null ? LocalDateTime.now(cli.clock) : LocalDateTime.parse(now.strip());
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), cli.words.get("bad.dateTime", now));
      }
      Router router;
      try {
        router = routers != null ? routers.get()
            : noModel ? Routers.firstStage() : cli.router(spec.commandLine().getErr());
      } catch (UnsupportedOperationException e) {
        spec.commandLine().getErr().println("tars: " + cli.words.get("do.noRouter"));
        return 1;
      }
      String utterance = String.join(" ", words);
      Routed routed = router.route(utterance, clock);
      Map<String, String> slots = routed.slots();
      try {
        Action action = switch (routed.intent()) {
          case NONE -> null;
          case NOTE_SEARCH -> {
            NoteCommand.printHits(out, cli, slots.getOrDefault("query", utterance), 10);
            yield null;
          }
          case AGENDA_QUERY -> {
            LocalDate from = LocalDate.parse(slots.get("from"));
            LocalDate to = LocalDate.parse(slots.getOrDefault("to", slots.get("from")));
            AgendaCommand.printDays(out, cli, cli.actions.agenda().occurrences(from, to).occurrences(), from, to);
            yield null;
          }
          case NOTE_CREATE -> new Action.CreateNote(Note.Draft.of(slots.get("text")));
          case EVENT_CREATE -> {
            String start = slots.get("start");
            boolean allDay = Formats.isDayOnly(start);
            LocalDateTime begins = Formats.parseDateTime(start, cli.zone);
            LocalDateTime ends = slots.containsKey("end") ? Formats.parseDateTime(slots.get("end"), cli.zone) : null;
            yield new Action.CreateEvent(new EventDraft(slots.get("title"), begins, ends, allDay, cli.zone,
                slots.get("location"), "", null, List.of()));
          }
          case REMINDER_CREATE -> new Action.CreateReminder(slots.get("text"),
              Formats.parseDateTime(slots.get("when"), cli.zone).atZone(cli.zone).toInstant(), cli.zone);
          case MEMORY_REMEMBER -> new Action.Remember(slots.get("fact"));
        };
        if (routed.intent() == dev.tars.actions.router.Intent.NONE) {
          out.println(cli.words.get("do.none"));
          return 0;
        }
        if (action == null) {
          return 0;
        }
        out.println(describe(cli, action, clock));
        if (!yes) {
          if (!interactive.getAsBoolean()) {
            spec.commandLine().getErr().println("tars: " + cli.words.get("do.needsYes"));
            return 1;
          }
          out.print(cli.words.get("do.ask") + " ");
          out.flush();
          if (!confirmed(readLine())) {
            out.println(cli.words.get("do.cancelled"));
            return 0;
          }
        }
        var outcome = cli.actions.service().execute(action, Origin.ROUTER);
        out.println(cli.words.get("do.done", outcome.entry().id()));
        return 0;
      } catch (ActionException e) {
        return cli.fail(spec, e);
      } catch (RuntimeException e) {
        // A slot the router filled in a form the action cannot take: nothing was written.
        org.slf4j.LoggerFactory.getLogger(DoCommand.class).warn("Cannot act on {}", routed, e);
        spec.commandLine().getErr().println("tars: " + cli.words.get("do.notUnderstood", utterance));
        return 1;
      }
    }
  }

  /** What the card says: the kind, the text or title, the time in words, the place. */
  private static String describe(CliActions cli, Action action, LocalDateTime now) {
    Locale locale = cli.words.locale();
    Instant present = now.atZone(cli.zone).toInstant();
    return switch (action) {
      case Action.CreateNote a -> cli.words.get("card.note", a.draft().body());
      case Action.CreateEvent a -> {
        Instant start = a.draft().start().atZone(cli.zone).toInstant();
        String when = a.draft().allDay() ? Formats.day(a.draft().start().toLocalDate(), locale)
            : Formats.dateTime(start, cli.zone, locale);
        yield cli.words.get("card.event", a.draft().title(), when)
            + (a.draft().location().isEmpty() ? "" : " · " + a.draft().location())
            + (start.isBefore(present) ? " " + cli.words.get("card.past") : "");
      }
      case Action.CreateReminder a -> cli.words.get("card.reminder", a.text(), Formats.dateTime(a.due(), cli.zone,
          locale)) + (a.due().isBefore(present) ? " " + cli.words.get("card.past") : "");
      case Action.Remember a -> cli.words.get("card.memory", a.fact());
      default -> action.kind();
    };
  }

  private String readLine() {
    try {
      return new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean confirmed(String answer) {
    if (answer == null) {
      return false;
    }
    return switch (answer.strip().toLowerCase(Locale.ROOT)) {
      case "y", "yes", "s", "si", "sí" -> true;
      default -> false;
    };
  }
}
