package dev.tars.bench;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemorySelector;
import dev.tars.memory.MemoryService;
import dev.tars.search.ConversationSearch;
import dev.tars.search.SearchService;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Ctrl+K search over conversations (SQL LIKE candidates + Java scoring) on a database of
 * {@code bench.messages} messages (default 20,000, ~60 words each), against a full scan of the same table
 * ({@code SELECT COUNT(*) ... LIKE} on one word) measured in the same run; and memory selection for one
 * prompt among {@code bench.memories} memories (default 1,000), keywords only. Medians of 15 runs.
 */
public final class MemorySearchBenchmark {
  private MemorySearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("bench.messages", 20_000);
    int memoryCount = Integer.getInteger("bench.memories", 1_000);
    Path dir = Files.createTempDirectory("tars-search-bench");
    SplittableRandom random = new SplittableRandom(7);
    String[] vocabulary = new String[5000];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = word(random);
    }
    try (Database db = Database.open(dir.resolve("db/tars"))) {
      ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
      Conversation c = null;
      for (int i = 0; i < messages; i++) {
        if (i % 40 == 0) {
          c = store.create("Conversation " + i / 40 + " " + vocabulary[random.nextInt(vocabulary.length)], "",
              Sampling.DEFAULTS);
        }
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 60; w++) {
          text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        if (i % 997 == 0) {
          text.append("lisbon hotel");
        }
        store.addMessage(c.id(), i % 2 == 0 ? Role.USER : Role.ASSISTANT, text.toString(), MessageStatus.COMPLETE);
      }
      SearchService search = new SearchService(List.of(new ConversationSearch(db.dataSource(), Clock.systemUTC())));
      Jdbc jdbc = new Jdbc(db.dataSource());
      double searchMs = median(() -> search.search("lisbon hotel", 30));
      double scanMs = median(() -> jdbc.query("SELECT COUNT(*) FROM message WHERE LOWER(content) LIKE '%lisbon%'",
          row -> row.getLong(1)));

      MemoryService memories = new MemoryService(db.dataSource(), Clock.systemUTC());
      for (int i = 0; i < memoryCount; i++) {
        memories.add(MemoryScope.GLOBAL, "Fact " + i + ": " + vocabulary[random.nextInt(vocabulary.length)] + " "
            + vocabulary[random.nextInt(vocabulary.length)] + " " + vocabulary[random.nextInt(vocabulary.length)], false);
      }
      List<Memory> all = memories.visibleIn(1);
      MemorySelector selector = new MemorySelector(null);
      String question = vocabulary[1] + " " + vocabulary[2] + " and " + vocabulary[3];
      double selectMs = median(() -> selector.select(all, question, 300));
      double loadMs = median(() -> memories.visibleIn(1));

      System.out.printf(Locale.ROOT, "search: %,d messages, query \"lisbon hotel\": %.1f ms median; full LIKE scan"
          + " of the table %.1f ms; ratio %.2f%n", messages, searchMs, scanMs, searchMs / scanMs);
      System.out.printf(Locale.ROOT, "memory selection: %,d memories, keywords only: %.2f ms median (loading them"
          + " from H2: %.2f ms); ratio %.2f%n", memoryCount, selectMs, loadMs, selectMs / loadMs);
    }
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static double median(Work work) throws Exception {
    work.run();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      long start = System.nanoTime();
      work.run();
      times.add((System.nanoTime() - start) / 1e6);
    }
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String word(SplittableRandom random) {
    int length = 3 + random.nextInt(7);
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < length; i++) {
      w.append((char) ('a' + random.nextInt(26)));
    }
    return w.toString();
  }
}
