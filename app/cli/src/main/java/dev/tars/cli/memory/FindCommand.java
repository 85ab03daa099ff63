package dev.tars.cli.memory;

import dev.tars.search.SearchHit;
import dev.tars.search.SearchService;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars find QUERY}: conversations, messages and memories, best first, matches in [brackets]. */
@Command(name = "find", mixinStandardHelpOptions = true,
    description = "Search conversation titles, messages and memories (as Ctrl+K in the app does).")
public final class FindCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY")
  String query;

  @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "How many results (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    try (CliMemory m = new CliMemory()) {
      SearchService search = m.system.search();
      List<SearchHit> hits = search.search(query, Math.max(1, Math.min(limit, 100)));
      PrintWriter out = spec.commandLine().getOut();
      if (hits.isEmpty()) {
        out.println("Nothing found for \"" + query + "\".");
      }
      for (SearchHit h : hits) {
        String where = switch (h.kind()) {
          case CONVERSATION -> "conversation " + h.conversationId();
          case MESSAGE -> "conversation " + h.conversationId() + ", message " + h.messageId();
          case MEMORY, DOCUMENT, NOTE -> h.reference();
        };
        out.printf(Locale.ROOT, "%5.2f  %-12s %s  (%s)%n", h.score(), h.kind().name().toLowerCase(Locale.ROOT),
            h.title(), where);
        out.println("       " + h.snippet().marked("[", "]"));
      }
      return 0;
    }
  }
}
