package dev.tars.cli.knowledge;

import dev.tars.cli.CliRuntime;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.Passage;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars search "query" [--k N]}: ranked passages from the knowledge base with file, page and score. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search indexed documents (meaning and keywords combined) and print the best passages.")
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for, in your own words.")
  String query;

  @Option(names = {"-k", "--k"}, defaultValue = "5", description = "How many passages (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = {"-c", "--collection"}, description = "Only these collections (repeatable; default: all).")
  List<String> collections = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (k < 1 || k > 100) {
      err.println("tars: --k must be between 1 and 100");
      return 2;
    }
    try (TarsRuntime runtime = CliRuntime.open()) {
      KnowledgeBase knowledge = runtime.knowledge();
      List<Long> ids = new ArrayList<>();
      List<CollectionInfo> known = knowledge.service().collections();
      for (String name : collections) {
        var match = known.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        if (match.isEmpty()) {
          err.println("tars: no collection named '" + name + "'. Known: "
              + String.join(", ", known.stream().map(CollectionInfo::name).toList()));
          return 1;
        }
        ids.add(match.get().id());
      }
      List<Passage> passages = knowledge.service().search(query, ids, k);
      if (passages.isEmpty()) {
        out.println("Nothing found. Index documents first with: tars ingest PATH...");
        return 0;
      }
      int rank = 1;
      for (Passage p : passages) {
        out.printf(Locale.ROOT, "%2d. %.4f  %s%s  [chars %d-%d]%n", rank++, p.score(), p.path(),
            p.page() > 0 ? "  page " + p.page() : "", p.start(), p.end());
        out.println("    " + snippet(p.text(), 300));
      }
      return 0;
    }
  }

  static String snippet(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
