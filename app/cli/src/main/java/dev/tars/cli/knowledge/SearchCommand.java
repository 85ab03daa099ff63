package dev.tars.cli.knowledge;

import dev.tars.config.AppPaths;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.Passage;
import dev.tars.storage.Database;
import java.io.PrintWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tars search "query" [--k N] [--json]}: ranked passages from the knowledge base with file, page and score.
 *
 * <p>{@code --json} is a contract that tests outside this repository use; keep it exact: JSON Lines in rank
 * order, one object per passage with {@code rank}, {@code file} (absolute path), {@code collection} (name),
 * {@code page} (null when the format has none), {@code start} and {@code end} (character offsets in the
 * document's text), {@code score}, {@code text} (the whole passage) and {@code highlight} ([start, end] of the
 * best-matching sentence, in the same offsets). The plain output keeps a short preview.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search indexed documents (meaning and keywords combined) and print the best passages.")
public final class SearchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for, in your own words.")
  String query;

  @Option(names = {"-k", "--k"}, defaultValue = "5", description = "How many passages (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--json", description = "Print JSON Lines: one object per passage, in rank order, with the whole "
      + "passage and the offsets of its best sentence.")
  boolean json;

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
    AppPaths appPaths = AppPaths.fromEnvironment().ensureCreated();
    try (Database db = Database.open(appPaths.database());
        KnowledgeBase knowledge = KnowledgeBase.open(appPaths, db.dataSource(), "eng")) {
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
      if (json) {
        Map<Long, String> names = new HashMap<>();
        known.forEach(c -> names.put(c.id(), c.name()));
        int rank = 1;
        for (Passage p : passages) {
          out.println(jsonLine(rank++, p, names.getOrDefault(p.collectionId(), "")));
        }
        out.flush();
        return 0;
      }
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

  static String jsonLine(int rank, Passage p, String collection) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("rank", rank);
    line.put("file", p.path().toAbsolutePath().toString());
    line.put("collection", collection);
    line.put("page", p.page() > 0 ? p.page() : null);
    line.put("start", p.start());
    line.put("end", p.end());
    line.put("score", p.score());
    line.put("text", p.text());
    line.put("highlight", List.of(p.highlightStart(), p.highlightEnd()));
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a search result as JSON", e);
    }
  }

  static String snippet(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
