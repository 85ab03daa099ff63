package dev.tars.cli.knowledge;

import dev.tars.actions.i18n.Texts;
import dev.tars.cli.CliRuntime;
import dev.tars.knowledge.AddResult;
import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.DocumentStatus;
import dev.tars.knowledge.IngestListener;
import dev.tars.knowledge.JobProgress;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tars ingest PATH...}: adds files and folders to the knowledge base and indexes them with progress. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Index documents (PDF, Office, OpenDocument, HTML, EPUB, Markdown, text, code, images) so "
        + "chat and search can use them.",
        "Unchanged files are skipped; changed files are re-indexed. Interrupting is safe: run it again to resume."})
public final class IngestCommand implements Callable<Integer> {
  private static final String BUNDLE = "dev.tars.cli.knowledge.ingest";

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to index.")
  List<Path> paths;

  @Option(names = {"-c", "--collection"}, defaultValue = "Documents",
      description = "Collection to add them to (default: ${DEFAULT-VALUE}).")
  String collection;

  @Option(names = "--ocr-lang", defaultValue = "eng", description = "Tesseract languages, e.g. eng+deu.")
  String ocrLanguages;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        // The database (and so the language setting) is not opened for a mistyped path: the system's language.
        err.println(Texts.of(BUNDLE, Locale.getDefault()).get("missing", p));
        return 1;
      }
    }
    try (TarsRuntime runtime = CliRuntime.open(options -> options.withOcrLanguages(ocrLanguages))) {
      Texts words = Texts.of(BUNDLE, Texts.locale(runtime.settings().get().language()));
      KnowledgeService service = runtime.knowledge().service();
      service.addListener(new IngestListener() {
        @Override
        public void documentChanged(DocumentInfo d) {
          if (d.status() == DocumentStatus.FAILED) {
            err.println(words.get("failed", d.path().toString(), d.reason().in(words.locale())));
            err.flush();
          }
        }
      });
      AddResult added = service.add(collection, paths);
      out.println(words.get("added", collection, added.queued(), added.unchanged(), added.skipped()));
      out.flush();
      service.start();
      long started = System.nanoTime();
      String last = "";
      long lastPrinted = 0;
      while (!service.awaitIdle(Duration.ofMillis(500))) {
        JobProgress progress = service.progress();
        String counts = counts(progress, words);
        // A line per change in counts, or every 5 s: readable in a terminal and in a log file alike.
        if (!counts.equals(last) || System.nanoTime() - lastPrinted > 5_000_000_000L) {
          out.println(words.get("progress", Math.round(progress.fraction() * 100), counts,
              progress.eta().map(IngestCommand::format).orElse(words.get("estimating"))));
          out.flush();
          last = counts;
          lastPrinted = System.nanoTime();
        }
      }
      JobProgress end = service.progress();
      out.println(words.get("done", (System.nanoTime() - started) / 1e9, end.indexed(), end.failed()));
      return 0;
    }
  }

  private static String counts(JobProgress p, Texts words) {
    return words.get("counts", p.queued(), p.inProgress(), p.indexed(), p.failed());
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
