package dev.tars.bench.knowledge;

import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.DocumentStatus;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.Passage;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.embed.OnnxEmbedder;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.knowledge.index.Reranker;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.store.KnowledgeStore;
import dev.tars.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Recall on the retrieval test sets (src/main/resources/retrieval, see its README): English and Spanish questions
 * about the FreedomBox manual and, held out, about the Debian Reference, each with the file and the words that
 * answer it. Prints, per language and for
 * the chosen part of the set (the measured part unless told otherwise), file-level and passage-level recall@1,
 * recall@5 and MRR@10, with reranking on and off, and the vector search alone (the embedding model's own share).
 * Prints figures, asserts nothing.
 *
 * <p>System properties: {@code bench.retrieval.corpus} (default /usr/share/freedombox/manual),
 * {@code bench.retrieval.part} (measure, tune or all; default measure), {@code bench.retrieval.unit} and
 * {@code bench.retrieval.context} (passage shape in tokens, default the standard chunker's 100 and 300),
 * {@code bench.retrieval.rerank} ("default" or seven weights "cosine,unit,sentence,heading,fused,language,document"; several
 * sets separated by ";" are measured one after the other), {@code bench.retrieval.shapes} (true: compare the
 * embedding cost of the previous passage shape),
 * {@code bench.retrieval.set} (freedombox, debian-reference or both separated by a comma; default both),
 * {@code bench.retrieval.cache} (default ~/.cache/tars-bench/retrieval: the indexed corpora are kept for reruns).
 */
public final class RetrievalBench {
  record Question(String language, String part, String file, String answer, String text) {}

  /**
   * One test set: the Debian packages that hold its documents, where they are installed, which files of that
   * folder are the corpus (relative paths), and its questions. The FreedomBox set has a tune and a measure part;
   * the Debian Reference set was written before the second session's ranking changes and is measured only.
   */
  record TestSet(String name, List<String> packages, Path root, String questions, List<String> files) {}

  /** Whole-manual files (every page again in one) and the release notes would only repeat the pages. */
  private static final Set<String> FREEDOMBOX_LEFT_OUT = Set.of("freedombox-manual.part.html", "Manual.part.html",
      "ReleaseNotes.part.html");

  static TestSet freedombox(Path root) throws IOException {
    List<String> files = new ArrayList<>();
    for (String language : List.of("en", "es")) {
      Path dir = root.resolve(language);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part.html"))
            .filter(n -> !FREEDOMBOX_LEFT_OUT.contains(n)).sorted().forEach(n -> files.add(language + "/" + n));
      }
    }
    return new TestSet("freedombox", List.of("freedombox-doc-en", "freedombox-doc-es"), root,
        "/retrieval/questions.tsv", files);
  }

  /** The chapters and the appendix of the Debian Reference in both languages (the index only repeats them). */
  static TestSet debianReference(Path root) {
    List<String> files = new ArrayList<>();
    for (String language : List.of("en", "es")) {
      for (int chapter = 1; chapter <= 12; chapter++) {
        files.add(String.format(Locale.ROOT, "ch%02d.%s.html", chapter, language));
      }
      files.add("apa." + language + ".html");
    }
    return new TestSet("debian-reference", List.of("debian-reference-en", "debian-reference-es"), root,
        "/retrieval/debian-reference.tsv", files);
  }

  private RetrievalBench() {}

  public static void main(String[] args) throws Exception {
    String sets = System.getProperty("bench.retrieval.set", "freedombox,debian-reference");
    for (String name : sets.split(",")) {
      TestSet set = switch (name.strip()) {
        case "freedombox" -> freedombox(Path.of(System.getProperty("bench.retrieval.corpus",
            "/usr/share/freedombox/manual")));
        case "debian-reference" -> debianReference(Path.of("/usr/share/debian-reference"));
        default -> throw new IllegalArgumentException("unknown test set " + name + " (freedombox, debian-reference)");
      };
      run(set, System.out);
    }
  }

  private static void run(TestSet set, PrintStream out) throws Exception {
    Path root = set.root();
    out.println("== Tars retrieval test set " + set.name() + " (" + Runtime.getRuntime().availableProcessors()
        + " cores, load " + KnowledgeBench.load() + ") ==");
    if (!ensureCorpus(set, out)) {
      return;
    }
    if (set.name().equals("freedombox")) {
      set = freedombox(root); // its file list is read from the folder, which may only now exist
    }
    int unitTokens = Integer.getInteger("bench.retrieval.unit", 100);
    int contextTokens = Integer.getInteger("bench.retrieval.context", 300);
    String part = System.getProperty("bench.retrieval.part", "measure");
    Path cache = Path.of(System.getProperty("bench.retrieval.cache",
        KnowledgeBench.DEFAULT_CACHE.resolveSibling("retrieval").toString())).toAbsolutePath();
    Path work = cache.resolve(set.name() + "-unit" + unitTokens + "-context" + contextTokens + "-format"
        + KnowledgeIndex.FORMAT);
    List<Question> questions = questions(set.questions()).stream()
        .filter(q -> part.equals("all") || q.part().equals(part)).toList();
    List<Path> files = set.files().stream().map(root::resolve).toList();
    try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cache.resolve("models"), 2);
        Database db = Database.open(work.resolve("db/tars"))) {
      KnowledgeService service = new KnowledgeService(new KnowledgeStore(db.dataSource()),
          new KnowledgeIndex(work.resolve("index")), embedder,
          new DocumentParser(null), new Chunker(unitTokens, contextTokens), 2);
      try {
        ingest(service, set.name(), files, root, out);
        checkAnswersExist(service, root, questions, out);
        out.printf(Locale.ROOT, "%d questions (%s part), passage shape: units <= %d tokens in contexts <= %d%n",
            questions.size(), part, unitTokens, contextTokens);
        for (String weights : System.getProperty("bench.retrieval.rerank", "default").split(";")) {
          Reranker.Weights chosen = weights.equals("default") ? Reranker.Weights.DEFAULT : parse(weights);
          evaluate(service, root, questions, "reranked " + chosen, chosen, out);
        }
        evaluate(service, root, questions, "fusion only, no reranking", Reranker.Weights.OFF, out);
        vectorOnly(service, embedder, root, questions, out);
        if (Boolean.parseBoolean(System.getProperty("bench.retrieval.shapes", "true"))) {
          compareShapes(embedder, files, unitTokens, contextTokens, out);
        }
        service.index().setReranking(Reranker.Weights.DEFAULT);
      } finally {
        service.close();
      }
    }
  }

  /** The corpus, installed from Debian when missing and this runs as root; false (with a note) otherwise. */
  static boolean ensureCorpus(TestSet set, PrintStream out) throws IOException, InterruptedException {
    if (set.files().size() > 1 && set.files().stream().allMatch(f -> Files.isRegularFile(set.root().resolve(f)))) {
      return true;
    }
    List<String> packages = set.packages();
    boolean root_ = "root".equals(System.getProperty("user.name"));
    if (root_ && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      out.println("installing the test set's documents: apt-get install " + String.join(" ", packages));
      List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
      command.addAll(packages);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (p.waitFor() == 0 && Files.isDirectory(set.root())) {
        return true;
      }
    }
    out.println("retrieval test set " + set.name() + " skipped: its documents are not installed (apt-get install "
        + String.join(" ", packages) + ")");
    return false;
  }

  static List<Question> questions(String resource) throws IOException {
    List<Question> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        RetrievalBench.class.getResourceAsStream(resource), resource),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(new Question(f[0], f[1], f[2], f[3], f[4]));
      }
    }
    return out;
  }

  private static void ingest(KnowledgeService service, String collection, List<Path> files, Path root,
      PrintStream out)
      throws InterruptedException, IOException {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    long t0 = System.nanoTime();
    var added = service.add(collection, files);
    service.start();
    if (!service.awaitIdle(Duration.ofMinutes(60))) {
      throw new IllegalStateException("ingestion did not finish in 60 minutes");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<DocumentInfo> docs = service.documents(OptionalLong.empty());
    long indexed = docs.stream().filter(d -> d.status() == DocumentStatus.INDEXED).count();
    int units = docs.stream().mapToInt(DocumentInfo::chunks).sum();
    if (added.queued() > 0) {
      out.printf(Locale.ROOT, "corpus: %d files (%.2f MB) of %s indexed now: %d units in %.1f s = %.1f units/s, "
          + "%.2f MB/min%n", files.size(), bytes / 1e6, root, units, seconds, units / seconds,
          bytes / 1e6 / seconds * 60);
    } else {
      out.printf(Locale.ROOT, "corpus: %d files (%.2f MB) of %s, %d units, read from the cache%n", files.size(),
          bytes / 1e6, root, units);
    }
    if (indexed != files.size()) {
      out.printf(Locale.ROOT, "  %d files were not indexed%n", files.size() - indexed);
    }
  }

  /** A question whose answer is not in its file's text as Tars reads it would measure nothing: say so. */
  private static void checkAnswersExist(KnowledgeService service, Path root, List<Question> questions,
      PrintStream out) {
    Map<Path, Long> ids = new HashMap<>();
    for (DocumentInfo d : service.documents(OptionalLong.empty())) {
      ids.put(d.path(), d.id());
    }
    for (Question q : questions) {
      Long id = ids.get(root.resolve(q.file()));
      String text = id == null ? "" : String.join(" ", service.chunks(id).stream().map(Chunk::text).toList());
      if (!flat(text).contains(flat(q.answer()))) {
        out.printf(Locale.ROOT, "  WARNING: the answer \"%s\" is not in %s as indexed%n", q.answer(), q.file());
      }
    }
  }

  static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  /** Recall@1, recall@5 and MRR@10 at file and passage level, per language. */
  private static void evaluate(KnowledgeService service, Path root, List<Question> questions, String label,
      Reranker.Weights weights, PrintStream out) {
    service.index().setReranking(weights);
    Map<String, double[]> sums = new LinkedHashMap<>(); // language -> {n, f1, f5, fmrr, p1, p5, pmrr}
    List<Long> latencies = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    List<String> misses = new ArrayList<>();
    for (Question q : questions) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<Passage> found = service.search(q.text(), List.of(), 10);
      latencies.add(System.nanoTime() - t0);
      cpu.add(threads.getCurrentThreadCpuTime() - c0);
      Path file = root.resolve(q.file());
      int fileRank = 0;
      int passageRank = 0;
      for (int i = 0; i < found.size(); i++) {
        Passage p = found.get(i);
        if (p.path().equals(file)) {
          fileRank = fileRank == 0 ? i + 1 : fileRank;
          if (passageRank == 0 && flat(p.text()).contains(flat(q.answer()))) {
            passageRank = i + 1;
          }
        }
      }
      if (passageRank != 1) {
        misses.add(String.format(Locale.ROOT, "%s file@%d passage@%d  %s  (first: %s)", q.language(), fileRank,
            passageRank, q.text(), found.isEmpty() ? "-" : root.relativize(found.getFirst().path())));
      }
      double[] s = sums.computeIfAbsent(q.language(), l -> new double[7]);
      s[0]++;
      s[1] += fileRank == 1 ? 1 : 0;
      s[2] += fileRank >= 1 && fileRank <= 5 ? 1 : 0;
      s[3] += fileRank == 0 ? 0 : 1.0 / fileRank;
      s[4] += passageRank == 1 ? 1 : 0;
      s[5] += passageRank >= 1 && passageRank <= 5 ? 1 : 0;
      s[6] += passageRank == 0 ? 0 : 1.0 / passageRank;
    }
    out.println(label + ":");
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      double[] s = e.getValue();
      double n = s[0];
      out.printf(Locale.ROOT, "  %s (%d questions)  file R@1 %.2f R@5 %.2f MRR %.2f | passage R@1 %.2f R@5 %.2f "
          + "MRR %.2f%n", e.getKey(), (int) n, s[1] / n, s[2] / n, s[3] / n, s[4] / n, s[5] / n, s[6] / n);
    }
    latencies.sort(Long::compare);
    cpu.sort(Long::compare);
    out.printf(Locale.ROOT, "  search latency (query embedding included, %d passages indexed, load %s) p50 %.1f ms, "
        + "p95 %.1f ms; CPU of the searching thread p50 %.1f ms, p95 %.1f ms%n", service.index().size(),
        KnowledgeBench.load(), pct(latencies, 50), pct(latencies, 95), pct(cpu, 50), pct(cpu, 95));
    if (Boolean.getBoolean("bench.retrieval.verbose")) {
      misses.forEach(m -> out.println("    not first: " + m));
    }
  }

  /** File-level recall of the vector search alone: how well the English embedding model serves each language. */
  private static void vectorOnly(KnowledgeService service, OnnxEmbedder embedder, Path root, List<Question> questions,
      PrintStream out) {
    Map<Long, Path> paths = new HashMap<>();
    for (DocumentInfo d : service.documents(OptionalLong.empty())) {
      paths.put(d.id(), d.path());
    }
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Question q : questions) {
      List<String> ids = service.index().vectorSearch(embedder.embedQuery(q.text()), 10,
          KnowledgeIndex.Hnsw.DEFAULT.searchWidth());
      Path file = root.resolve(q.file());
      int rank = 0;
      for (int i = 0; i < ids.size() && rank == 0; i++) {
        long doc = Long.parseLong(ids.get(i).substring(0, ids.get(i).indexOf(':')));
        rank = file.equals(paths.get(doc)) ? i + 1 : 0;
      }
      double[] s = sums.computeIfAbsent(q.language(), l -> new double[4]);
      s[0]++;
      s[1] += rank == 1 ? 1 : 0;
      s[2] += rank >= 1 && rank <= 5 ? 1 : 0;
      s[3] += rank == 0 ? 0 : 1.0 / rank;
    }
    out.println("vector search alone (bge-small-en-v1.5, no BM25, no reranking), file level:");
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      double[] s = e.getValue();
      out.printf(Locale.ROOT, "  %s  R@1 %.2f R@5 %.2f MRR %.2f%n", e.getKey(), s[1] / s[0], s[2] / s[0], s[3] / s[0]);
    }
  }

  /**
   * Ingestion's cost is embedding (parsing, chunking and indexing are a few percent of it), so the throughput of
   * the new passage shape against the previous one is measured as the time to embed the same documents cut both
   * ways, interleaved round by round in one run, with the same model and workers.
   */
  private static void compareShapes(OnnxEmbedder embedder, List<Path> files, int unitTokens, int contextTokens,
      PrintStream out) {
    DocumentParser parser = new DocumentParser(null);
    Chunker units = new Chunker(unitTokens, contextTokens);
    PreviousChunker previous = PreviousChunker.standard();
    List<String> unitTexts = new ArrayList<>();
    List<String> previousTexts = new ArrayList<>();
    long characters = 0;
    int count = Integer.getInteger("bench.retrieval.shapeFiles", 24);
    for (int i = 0; i < files.size() && i < count * 7; i += 7) { // every 7th file: both languages, all sizes
      try {
        var blocks = parser.parse(files.get(i), DocumentParser.Stage.NONE).blocks();
        characters += Chunker.fullText(blocks).length();
        units.chunk(blocks).forEach(c -> unitTexts.add(c.heading().isEmpty() ? c.text() : c.heading() + "\n" + c.text()));
        previous.chunk(blocks).forEach(c -> previousTexts.add(c.text()));
      } catch (Exception e) {
        out.println("  (skipped " + files.get(i).getFileName() + ": " + e.getMessage() + ")");
      }
    }
    List<Double> ratios = new ArrayList<>();
    int rounds = Integer.getInteger("bench.retrieval.shapeRounds", 3);
    for (int round = 0; round < rounds; round++) {
      double previousSeconds = embedSeconds(embedder, previousTexts);
      double unitSeconds = embedSeconds(embedder, unitTexts);
      ratios.add(previousSeconds / unitSeconds);
      out.printf(Locale.ROOT, "  round %d: previous shape %d passages %.1f s (%.0f chars/s), units %d %.1f s "
          + "(%.0f chars/s)%n", round + 1, previousTexts.size(), previousSeconds, characters / previousSeconds,
          unitTexts.size(), unitSeconds, characters / unitSeconds);
    }
    ratios.sort(Double::compare);
    out.printf(Locale.ROOT, "embedding throughput of the same %d characters, units / previous 400-token chunks: "
        + "min %.2f median %.2f max %.2f (target >= 0.9), load %s%n", characters, ratios.getFirst(),
        ratios.get(ratios.size() / 2), ratios.getLast(), KnowledgeBench.load());
  }

  private static double embedSeconds(OnnxEmbedder embedder, List<String> texts) {
    long t0 = System.nanoTime();
    for (int i = 0; i < texts.size(); i += 32) {
      embedder.embedPassages(texts.subList(i, Math.min(texts.size(), i + 32)));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double pct(List<Long> sorted, int percent) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1)) / 1e6;
  }

  private static Reranker.Weights parse(String csv) {
    String[] w = csv.split(",");
    return new Reranker.Weights(Double.parseDouble(w[0]), Double.parseDouble(w[1]), Double.parseDouble(w[2]),
        Double.parseDouble(w[3]), Double.parseDouble(w[4]), Double.parseDouble(w[5]),
        w.length > 6 ? Double.parseDouble(w[6]) : 0);
  }
}
