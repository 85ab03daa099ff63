package dev.tars.bench.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.config.AppPaths;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The round trip of an MCP {@code search_documents} call over stdio: the official MCP Java SDK's client starts
 * {@code tars mcp} as a child process (as a desktop MCP client does) and times each call until its answer is
 * read. The reference, measured in the same run on the same data home, is the same search called in-process
 * ({@code KnowledgeService.search}), so the ratio is what MCP (JSON-RPC over pipes, schema check, JSON result)
 * adds. Documents: {@code bench.mcp.documents} generated Markdown files (embedded with the real model).
 */
public final class McpRoundTripBenchmark {
  private static final List<String> TOPICS = List.of("ferry timetable", "sourdough starter", "tax return deadline",
      "bicycle chain", "garden tomatoes", "router firmware", "piano lessons", "passport renewal", "solar panels",
      "car insurance", "vaccination record", "mortgage rate");

  private McpRoundTripBenchmark() {}

  public static void main(String[] args) throws Exception {
    int documents = Integer.getInteger("bench.mcp.documents", 60);
    int calls = Integer.getInteger("bench.mcp.calls", 100);
    double loadAtStart = load();
    Path root = Files.createTempDirectory("tars-mcp-bench");
    Path home = root.resolve("home");
    Path docs = Files.createDirectories(root.resolve("docs"));
    for (int i = 0; i < documents; i++) {
      String topic = TOPICS.get(i % TOPICS.size());
      Files.writeString(docs.resolve("note-" + i + ".md"), "# " + topic + " " + i + "\n\nThis page is about the "
          + topic + ", item " + i + ". It says what to do first, what it costs and whom to call when it goes wrong."
          + "\n\n## Details\n\nKeep the receipts for the " + topic + " in the blue folder; number " + (i * 7 % 31)
          + " is the one that matters.\n");
    }
    double[] reference = new double[calls];
    try (TarsRuntime runtime = TarsRuntime.open(RuntimeOptions.of(new AppPaths(home), "bench"))) {
      KnowledgeService knowledge = runtime.knowledge().service();
      knowledge.add("bench", List.of(docs));
      if (!knowledge.awaitIdle(Duration.ofMinutes(10))) {
        throw new IllegalStateException("indexing did not finish");
      }
      System.out.printf(Locale.ROOT, "MCP benchmark: %d documents indexed%n",
          knowledge.documents(OptionalLong.empty()).size());
      for (int i = 0; i < 5; i++) {
        knowledge.search(query(i), List.of(), 5);
      }
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        knowledge.search(query(i), List.of(), 5);
        reference[i] = (System.nanoTime() - start) / 1e6;
      }
    }

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters server = ServerParameters.builder(java).args("--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC", "-Dtars.home=" + home, "-cp", System.getProperty("java.class.path"),
        "dev.tars.cli.TarsCli", "mcp").build();
    double[] mcp = new double[calls];
    long startUp = System.nanoTime();
    McpSyncClient client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(
        new ObjectMapper()))).requestTimeout(Duration.ofMinutes(2)).initializationTimeout(Duration.ofMinutes(2))
        .clientInfo(new McpSchema.Implementation("tars-bench", "1")).build();
    try {
      client.initialize();
      double initializeMs = (System.nanoTime() - startUp) / 1e6;
      long first = System.nanoTime();
      call(client, 0);
      double firstCallMs = (System.nanoTime() - first) / 1e6;
      for (int i = 1; i < 5; i++) {
        call(client, i);
      }
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        call(client, i);
        mcp[i] = (System.nanoTime() - start) / 1e6;
      }
      System.out.println();
      System.out.printf(Locale.ROOT, "MCP round trip of search_documents over stdio (%d calls, k=5, %d cores,"
          + " load average %.1f at start, %.1f at end)%n", calls, Runtime.getRuntime().availableProcessors(),
          loadAtStart, load());
      System.out.printf(Locale.ROOT, "  start-up to initialized: %.0f ms; first call (loads the embedder): %.0f ms%n",
          initializeMs, firstCallMs);
      print("MCP over stdio", mcp);
      print("in-process search (reference)", reference);
      System.out.printf(Locale.ROOT, "  ratio (MCP / in-process): p50 x%.2f, p95 x%.2f%n",
          percentile(mcp, 50) / percentile(reference, 50), percentile(mcp, 95) / percentile(reference, 95));
    } finally {
      client.closeGracefully();
    }
  }

  private static void call(McpSyncClient client, int i) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search_documents",
        Map.of("query", query(i), "k", 5)));
    if (Boolean.TRUE.equals(result.isError())) {
      throw new IllegalStateException("search_documents failed: " + result.content());
    }
  }

  private static String query(int i) {
    return "What should I do first about the " + TOPICS.get(i * 5 % TOPICS.size()) + "?";
  }

  private static void print(String what, double[] millis) {
    double mean = Arrays.stream(millis).average().orElse(0);
    double spread = Math.sqrt(Arrays.stream(millis).map(m -> (m - mean) * (m - mean)).average().orElse(0));
    System.out.printf(Locale.ROOT, "  %-30s p50 %7.1f ms  p95 %7.1f ms  min %7.1f  max %7.1f  mean %7.1f"
        + "  sd %6.1f%n", what, percentile(millis, 50), percentile(millis, 95), Arrays.stream(millis).min()
        .orElse(0), Arrays.stream(millis).max().orElse(0), mean, spread);
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
