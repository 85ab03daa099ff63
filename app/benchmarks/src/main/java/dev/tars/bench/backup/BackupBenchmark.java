package dev.tars.bench.backup;

import dev.tars.backup.BackupConfig;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.BackupStatus;
import dev.tars.backup.H2Checker;
import dev.tars.config.AppPaths;
import dev.tars.knowledge.backup.LuceneIndexChecker;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.index.IndexedChunk;
import dev.tars.knowledge.index.KnowledgeIndex;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Backup and verify time of a data home with N messages (default 10,000 in 200 conversations, 20-2,000
 * characters each) and M knowledge chunks (default 50,000: ~1,000 characters and a 384-d vector each, in
 * documents of 50 chunks, merged to one segment as the app does). References measured in the same run: H2's own {@code BACKUP TO} (what the archive wraps)
 * and a plain file copy of the database. Wall time suffers when the machine is shared; the CPU time of the
 * measuring thread (all the work runs on it) does much less.
 *
 * <pre>java -cp ... dev.tars.bench.backup.BackupBenchmark [messages] [chunks] [runs]</pre>
 */
public final class BackupBenchmark {
  private BackupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path home = Files.createTempDirectory("tars-backup-bench");
    AppPaths paths = new AppPaths(home).ensureCreated();
    Path indexDir = paths.knowledge().resolve("index");
    try (Database db = Database.open(paths.database()); KnowledgeIndex index = new KnowledgeIndex(indexDir)) {
      fill(db, messages);
      long t = System.nanoTime();
      fill(index, chunks);
      System.out.printf(Locale.ROOT, "(indexing %d chunks took %.0f s; not part of the figures)%n", chunks,
          (System.nanoTime() - t) / 1e9);
      Path store = Path.of(paths.database() + ".mv.db");
      long dbBytes = Files.size(store);
      long indexBytes;
      try (var files = Files.list(indexDir)) {
        indexBytes = files.mapToLong(f -> f.toFile().length()).sum();
      }
      BackupService service = BackupServices.standard(paths, db, List.of(index.backupSource("knowledge/index")),
          List.of(new H2Checker(), new LuceneIndexChecker()),
          () -> new BackupConfig(java.time.Duration.ofHours(1), new dev.tars.backup.RetentionPolicy(100, 0, 0, 0), null),
          Clock.systemUTC(), "bench");
      service.backupNow("warm-up");
      var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
      double copyMs = 0;
      double h2Ms = 0;
      double h2Cpu = 0;
      double backupMs = 0;
      double backupCpu = 0;
      double verifyMs = 0;
      double verifyCpu = 0;
      long archiveBytes = 0;
      for (int i = 0; i < runs; i++) {
        Path copy = home.resolve("copy.mv.db");
        long t0 = System.nanoTime();
        Files.copy(store, copy, StandardCopyOption.REPLACE_EXISTING);
        copyMs += (System.nanoTime() - t0) / 1e6;
        Files.delete(copy);

        Path h2zip = home.resolve("h2-reference.zip");
        long h0 = System.nanoTime();
        long hc = cpu.getCurrentThreadCpuTime();
        try (var c = db.connection(); var st = c.createStatement()) {
          st.execute("BACKUP TO '" + h2zip + "'");
        }
        h2Cpu += (cpu.getCurrentThreadCpuTime() - hc) / 1e6;
        h2Ms += (System.nanoTime() - h0) / 1e6;
        Files.delete(h2zip);

        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        // backupNow writes and then verifies; the verify part is measured separately below.
        BackupService.Run run = service.backupNow("bench");
        double total = (System.nanoTime() - t1) / 1e6;
        double totalCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e6;
        long t2 = System.nanoTime();
        long c2 = cpu.getCurrentThreadCpuTime();
        BackupStatus status = service.verify(run.backup().id());
        double verify = (System.nanoTime() - t2) / 1e6;
        double verifyC = (cpu.getCurrentThreadCpuTime() - c2) / 1e6;
        if (!status.problems().isEmpty()) {
          throw new IllegalStateException("Benchmark backup failed verification: " + status.problems());
        }
        backupMs += total - verify;
        backupCpu += totalCpu - verifyC;
        verifyMs += verify;
        verifyCpu += verifyC;
        archiveBytes = run.backup().size();
        Thread.sleep(1100); // distinct ids
      }
      System.out.printf(Locale.ROOT, "messages: %d, database file: %.1f MiB; chunks: %d, index: %.1f MiB; archive: %.1f MiB%n",
          messages, dbBytes / 1048576.0, chunks, indexBytes / 1048576.0, archiveBytes / 1048576.0);
      System.out.printf(Locale.ROOT, "runs: %d, load average at the end: %.1f on %d cores%n", runs,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "reference: file copy of the database %.0f ms wall%n", copyMs / runs);
      System.out.printf(Locale.ROOT, "reference: H2 BACKUP TO alone %.0f ms wall, %.0f ms CPU%n", h2Ms / runs, h2Cpu / runs);
      System.out.printf(Locale.ROOT, "backup (archive written, fsynced, renamed; no verify): %.0f ms wall, %.0f ms CPU"
          + " (%.2fx BACKUP TO's CPU)%n", backupMs / runs, backupCpu / runs, backupCpu / h2Cpu);
      System.out.printf(Locale.ROOT, "verify (whole-file + entry hashes, extract, read every row, CheckIndex): %.0f ms wall,"
          + " %.0f ms CPU (%.2fx BACKUP TO's CPU)%n", verifyMs / runs, verifyCpu / runs, verifyCpu / h2Cpu);
    } finally {
      try (var walk = Files.walk(home)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void fill(KnowledgeIndex index, int chunks) {
    Random random = new Random(7);
    String words = "lucene indexes passages of documents so that a question finds the paragraph that answers it ";
    int perDocument = 50;
    for (int document = 0; document * perDocument < chunks; document++) {
      List<IndexedChunk> batch = new java.util.ArrayList<>();
      for (int ordinal = 0; ordinal < perDocument && document * perDocument + ordinal < chunks; ordinal++) {
        StringBuilder text = new StringBuilder(1000);
        while (text.length() < 1000) {
          text.append(words, random.nextInt(words.length() / 2), words.length());
        }
        float[] vector = new float[384];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
          vector[i] = (float) random.nextGaussian();
          norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
          vector[i] /= (float) Math.sqrt(norm);
        }
        batch.add(new IndexedChunk(new Chunk(ordinal, 0, ordinal * 1000, ordinal * 1000 + 1000, text.toString()), vector));
      }
      index.replace(document, 1, "document-" + document + ".pdf", batch);
    }
    index.optimize();
  }

  private static void fill(Database db, int messages) {
    Random random = new Random(42);
    String words = "the quick brown fox jumps over the lazy dog while a local model answers questions about documents ";
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    new Jdbc(db.dataSource()).inTransaction(c -> {
      int conversations = Math.max(1, messages / 50);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO conversation (title, temperature, top_p, max_tokens,"
          + " created_at, updated_at) VALUES (?, 0.7, 0.95, 512, ?, ?)")) {
        for (int i = 0; i < conversations; i++) {
          s.setString(1, "conversation " + i);
          s.setObject(2, now);
          s.setObject(3, now);
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO message (conversation_id, role, content, status,"
          + " created_at) VALUES (?, ?, ?, 'COMPLETE', ?)")) {
        for (int i = 0; i < messages; i++) {
          int length = 20 + random.nextInt(1980);
          StringBuilder text = new StringBuilder(length);
          while (text.length() < length) {
            text.append(words, random.nextInt(words.length() / 2), words.length());
          }
          s.setLong(1, 1 + (i % conversations));
          s.setString(2, i % 2 == 0 ? "USER" : "ASSISTANT");
          s.setString(3, text.substring(0, length));
          s.setObject(4, now);
          s.addBatch();
          if (i % 1000 == 999) {
            s.executeBatch();
          }
        }
        s.executeBatch();
      }
      return null;
    });
  }
}
