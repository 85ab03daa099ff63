package dev.tars.cli.actions;

import dev.tars.actions.Action;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.actions.i18n.ActionException;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars note add TEXT | list | search QUERY | rm ID}. */
@Command(name = "note", mixinStandardHelpOptions = true, description = "Markdown notes: add, list, search, remove.",
    subcommands = {NoteCommand.Add.class, NoteCommand.ListNotes.class, NoteCommand.Search.class,
        NoteCommand.Remove.class})
public final class NoteCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Save a note (Markdown).")
  public static final class Add extends ActionCommand {
    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The note; its first line is the title.")
    List<String> words;

    @Option(names = "--title", description = "A title (default: the first line).")
    String title;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat for more.")
    List<String> tags;

    @Override
    void run(CliActions cli, PrintWriter out) throws ActionException {
      Note note = (Note) cli.actions.service().execute(new Action.CreateNote(
          new Note.Draft(title, String.join(" ", words), tags, null)), Origin.CLI).subject();
      out.println(cli.words.get("note.added", note.id(), note.title()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List notes, newest first.")
  public static final class ListNotes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (CliActions cli = CliActions.open()) {
        PrintWriter out = spec.commandLine().getOut();
        List<Note> notes = cli.actions.notes().all();
        if (notes.isEmpty()) {
          out.println(cli.words.get("note.none"));
        }
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(cli.words.locale())
            .withZone(cli.zone);
        for (Note n : notes) {
          out.printf("%5d  %-14s %s%s%n", n.id(), date.format(n.updatedAt()), n.title(),
              n.tags().isEmpty() ? "" : "  #" + String.join(" #", n.tags()));
        }
        return 0;
      }
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true, description = "Full-text search in notes.")
  public static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUERY")
    List<String> words;

    @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      try (CliActions cli = CliActions.open()) {
        printHits(spec.commandLine().getOut(), cli, String.join(" ", words), limit);
        return 0;
      }
    }
  }

  static void printHits(PrintWriter out, CliActions cli, String query, int limit) {
    List<NoteStore.Hit> hits = cli.actions.notes().search(query, Math.max(1, Math.min(limit, 100)));
    if (hits.isEmpty()) {
      out.println(cli.words.get("note.noMatch", query));
    }
    for (NoteStore.Hit h : hits) {
      out.printf("%5d  %s%n       %s%n", h.note().id(), h.note().title(), h.snippet().marked("[", "]"));
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a note (Undo is in the app).")
  public static final class Remove extends ActionCommand {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    void run(CliActions cli, PrintWriter out) throws ActionException {
      var entry = cli.actions.service().execute(new Action.DeleteNote(id), Origin.CLI).entry();
      out.println(cli.words.get("note.removed", id, entry.summary(), entry.id()));
    }
  }
}
