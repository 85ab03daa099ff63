package dev.tars.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.actions.Action;
import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.notes.Note;
import dev.tars.api.ApiServer;
import dev.tars.mcp.McpRelayFile;
import dev.tars.runtime.LocalApi;
import dev.tars.runtime.TarsRuntime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tars' MCP server driven by the official TypeScript MCP SDK client ({@code src/test/node/mcp-test.mjs}): over
 * stdio it starts {@code tars mcp} as a real child process, over HTTP it talks to {@code /mcp} of the local API
 * (real Jetty on loopback). The data home holds a real indexed document, a note, an event and a conversation.
 */
class McpNodeClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate EVENT_DAY = LocalDate.of(2026, 12, 10);
  private static final String WHEN = "2026-12-11T09:30";
  private static final List<String> READ_TOOLS = List.of("search_documents", "search_notes", "list_agenda",
      "search_conversations");
  private static final List<String> ACTION_TOOLS = List.of("create_note", "create_reminder", "create_event",
      "remember");

  @TempDir Path dir;
  @RegisterExtension final CliHome cli = new CliHome(() -> dir.resolve("data"));
  private Path document;

  @BeforeEach
  void seed() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    document = docs.resolve("lisbon.md");
    Files.writeString(document, "# Trip to Lisbon\n\nThe ferry to Cacilhas leaves from Cais do Sodré every twenty"
        + " minutes and crosses the Tagus in ten.\n\n# Food\n\nPastéis de nata are best warm, with cinnamon.\n");
    try (TarsRuntime runtime = CliRuntime.open()) {
      var knowledge = runtime.knowledge().service();
      knowledge.add("travel", List.of(docs));
      assertThat(knowledge.awaitIdle(Duration.ofMinutes(5))).as("document indexed").isTrue();
      var actions = runtime.actions();
      actions.service().execute(new Action.CreateNote(Note.Draft.of("Shopping list\n\nmilk, eggs and saffron")),
          Origin.CLI);
      actions.service().execute(new Action.CreateEvent(new EventDraft("Flight to Lisbon",
          EVENT_DAY.atTime(9, 0), null, false, actions.zone(), "Airport", "", null, List.of())), Origin.CLI);
      runtime.chats().create("Planning the Lisbon holiday");
    }
  }

  @Test
  void stdioServesEveryReadToolAndResourceAndActsOnlyWhenAllowed() throws Exception {
    assertServesEveryToolAndActsOnlyWhenAllowed();
    try (TarsRuntime runtime = CliRuntime.open()) {
      assertActionsLoggedWithTheClientsName(runtime);
    }
  }

  @Test
  void stdioRelaysToTheTarsThatHoldsTheDataFolder() throws Exception {
    try (TarsRuntime holder = CliRuntime.open()) {
      holder.publishMcpRelay();
      assertThat(McpRelayFile.read(cli.path())).as("the holder announces its relay").isPresent();
      assertServesEveryToolAndActsOnlyWhenAllowed();
      assertThat(Files.readString(cli.path().resolve("logs").resolve("cli.log")))
          .contains("Relaying to the Tars process " + ProcessHandle.current().pid());
      assertActionsLoggedWithTheClientsName(holder);
    }
    assertThat(McpRelayFile.read(cli.path())).as("removed when the holder closes").isEmpty();
  }

  @Test
  void aKilledHoldersFileIsIgnoredAndTarsMcpOwnsTheFolderItself() throws Exception {
    Process killed = new ProcessBuilder(tarsMcp(false)).redirectError(dir.resolve("killed.err").toFile()).start();
    try {
      McpRelayFile announced = awaitRelayFile(killed.pid());
      killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(McpRelayFile.read(cli.path())).as("left behind by the killed holder").contains(announced);
      assertThat(announced.holderAlive()).isFalse();
    } finally {
      killed.destroyForcibly();
      killed.getOutputStream().close();
    }
    JsonNode report = node(stdio(false));
    assertThat(names(report.path("tools"))).containsExactlyElementsOf(READ_TOOLS);
    assertReadTools(report);
    assertThat(Files.readString(cli.path().resolve("logs").resolve("cli.log"))).contains("MCP relay published in");
    assertThat(McpRelayFile.read(cli.path())).as("the new owner removed its own file at exit").isEmpty();
  }

  @Test
  void aHolderThatDoesNotAnswerEndsTarsMcpWithinSecondsWithAMessage() throws Exception {
    try (TarsRuntime holder = CliRuntime.open(); ServerSocket stuck = new ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      holder.settings();
      // The folder is held; the announced endpoint accepts connections and never answers, as a hung app would.
      McpRelayFile.ofThisProcess(stuck.getLocalPort(), McpRelayFile.newSecret()).write(cli.path());
      long started = System.nanoTime();
      Process mcp = new ProcessBuilder(tarsMcp(false)).start();
      String stderr = new String(mcp.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(mcp.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertThat(mcp.exitValue()).as(stderr).isEqualTo(ExitCodes.FAILURE);
      assertThat(stderr).contains("process " + ProcessHandle.current().pid()).contains("did not answer within");
      assertThat(new String(mcp.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as("no MCP output").isEmpty();
      System.out.println("tars mcp gave up on a stuck holder in " + seconds + " s (JVM start included)");
      assertThat(seconds).isLessThan(30);
    }
  }

  @Test
  void aHolderThatStopsMidSessionGetsTheRequestAnsweredWithAnErrorAndTarsMcpEnds() throws Exception {
    Process holder = new ProcessBuilder(tarsMcp(false)).redirectError(dir.resolve("holder.err").toFile()).start();
    Process relay = null;
    try {
      awaitRelayFile(holder.pid());
      relay = new ProcessBuilder(tarsMcp(false)).start();
      var toRelay = new java.io.PrintStream(relay.getOutputStream(), true, StandardCharsets.UTF_8);
      var fromRelay = new java.io.BufferedReader(new java.io.InputStreamReader(relay.getInputStream(),
          StandardCharsets.UTF_8));
      String call = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":"
          + "\"search_notes\",\"arguments\":{\"query\":\"saffron\"}}}";
      toRelay.println("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"by-hand\",\"version\":\"1\"}}}");
      assertThat(JSON.readTree(fromRelay.readLine()).path("result").path("serverInfo").path("name").asText())
          .isEqualTo("tars");
      toRelay.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      toRelay.println(call.formatted(2));
      assertThat(JSON.readTree(fromRelay.readLine()).path("result").path("isError").asBoolean()).isFalse();

      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      long stopped = System.nanoTime();
      toRelay.println(call.formatted(3));
      JsonNode lost = JSON.readTree(fromRelay.readLine()).path("result");
      assertThat(lost.path("isError").asBoolean()).isTrue();
      assertThat(lost.path("content").get(0).path("text").asText()).contains("stopped answering")
          .contains("process " + holder.pid());
      assertThat(relay.waitFor(30, TimeUnit.SECONDS)).isTrue();
      System.out.println("tars mcp ended " + (System.nanoTime() - stopped) / 1_000_000
          + " ms after its holder was killed");
      assertThat(relay.exitValue()).isEqualTo(ExitCodes.FAILURE);
      assertThat(new String(relay.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("stopped answering, so this MCP server stops too");
    } finally {
      holder.destroyForcibly();
      if (relay != null) {
        relay.destroyForcibly();
      }
    }
  }

  /** Waits for the relay file of the Tars process {@code pid} (it opens the database first). */
  private McpRelayFile awaitRelayFile(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      var file = McpRelayFile.read(cli.path()).filter(f -> f.pid() == pid);
      if (file.isPresent()) {
        return file.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("tars mcp (process " + pid + ") never announced its relay");
  }

  /** Runs the Node client over stdio without and with --allow-actions and checks both reports. */
  private void assertServesEveryToolAndActsOnlyWhenAllowed() throws Exception {
    JsonNode readOnly = node(stdio(false));
    assertThat(readOnly.path("server").path("name").asText()).isEqualTo("tars");
    assertThat(names(readOnly.path("tools"))).containsExactlyElementsOf(READ_TOOLS);
    assertReadTools(readOnly);
    assertResources(readOnly);
    for (String tool : ACTION_TOOLS) {
      assertThat(readOnly.path("calls").path(tool).path("rejected").asText()).as(tool).contains("Unknown tool");
    }

    JsonNode acting = node(stdio(true));
    assertThat(names(acting.path("tools"))).containsExactlyElementsOf(concat(READ_TOOLS, ACTION_TOOLS));
    assertThat(acting.path("instructions").asText()).contains("activity log");
    JsonNode calls = acting.path("calls");
    for (String tool : ACTION_TOOLS) {
      assertThat(calls.path(tool).path("isError").asBoolean()).as(tool + ": " + calls.path(tool)).isFalse();
    }
    assertThat(calls.path("create_note").path("json").path("uri").asText()).startsWith("tars://notes/");
    assertThat(calls.path("create_reminder").path("json").path("when").asText()).startsWith(WHEN);
    assertThat(calls.path("create_event").path("json").path("start").asText()).startsWith(WHEN);
    assertThat(acting.path("resources").toString()).contains(calls.path("create_note").path("json").path("uri")
        .asText());
  }

  private static void assertActionsLoggedWithTheClientsName(TarsRuntime runtime) {
    List<ActivityEntry> fromMcp = runtime.actions().activity().recent(20).stream()
        .filter(e -> e.origin() == Origin.MCP).toList();
    assertThat(fromMcp).extracting(ActivityEntry::kind)
        .containsExactlyInAnyOrder("note.create", "reminder.create", "event.create", "memory.remember");
    assertThat(fromMcp).allSatisfy(e -> assertThat(e.client()).isEqualTo("tars-mcp-test"));
    assertThat(runtime.memory().memories().all()).anySatisfy(m -> assertThat(m.text()).contains("tea"));
  }

  @Test
  void httpServesTheSameWithTheKeyAndRefusesWithoutIt() throws Exception {
    try (TarsRuntime runtime = CliRuntime.open()) {
      LocalApi api = runtime.localApi();
      String key = api.key();
      try (LocalApi.Served served = api.serve(ApiServer.Options.defaults(key).withPort(0).withLimits(64 * 1024, 4),
          false)) {
        String url = served.server().baseUrl().replaceFirst("/v1$", "/mcp");
        JsonNode report = node(http(url, key));
        assertThat(names(report.path("tools"))).containsExactlyElementsOf(READ_TOOLS);
        assertReadTools(report);
        assertResources(report);

        for (String wrongKey : java.util.Arrays.asList(null, "wrong-key")) {
          JsonNode refused = node(http(url, wrongKey));
          assertThat(refused.path("connectStatus").asInt()).as(refused.toString()).isEqualTo(401);
          assertThat(refused.path("connectError").asText()).contains("invalid_api_key");
        }

        HttpClient http = HttpClient.newHttpClient();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"page\",\"version\":\"1\"}}}";
        HttpResponse<String> fromPage = http.send(post(url, key, initialize).header("Origin", "http://evil.example")
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromPage.statusCode()).as("a web page's origin is refused").isEqualTo(403);
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(100 * 1024) + "\"}}";
        HttpResponse<String> tooBig = http.send(post(url, key, huge).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).as("a body over the limit is refused").isBetween(400, 499);
      }
    }
    List<String> audit = Files.readAllLines(cli.path().resolve("logs").resolve("api-audit.jsonl"));
    assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"/mcp\"").contains("401"));
  }

  private static HttpRequest.Builder post(String url, String key, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private void assertReadTools(JsonNode report) {
    JsonNode calls = report.path("calls");
    JsonNode passages = calls.path("search_documents").path("json").path("passages");
    assertThat(passages.size()).as(calls.path("search_documents").toString()).isBetween(1, 3);
    JsonNode first = passages.get(0);
    assertThat(first.path("file").asText()).isEqualTo(document.toAbsolutePath().toString());
    assertThat(first.path("text").asText()).contains("Cacilhas");
    assertThat(first.has("page")).isTrue();
    assertThat(first.path("score").isNumber()).isTrue();
    assertThat(first.path("collection").asText()).isEqualTo("travel");
    assertThat(calls.path("search_documents_in_collection").path("isError").asBoolean()).isTrue();
    assertThat(calls.path("search_documents_in_collection").path("text").asText()).contains("travel");

    assertThat(calls.path("search_notes").path("json").path("notes").get(0).path("title").asText())
        .isEqualTo("Shopping list");
    JsonNode event = calls.path("list_agenda").path("json").path("events").get(0);
    assertThat(event.path("title").asText()).isEqualTo("Flight to Lisbon");
    assertThat(event.path("start").asText()).startsWith(EVENT_DAY + "T09:00");
    assertThat(calls.path("search_conversations").path("json").path("results").get(0).path("title").asText())
        .isEqualTo("Planning the Lisbon holiday");

    assertThat(calls.path("arguments_not_matching_the_schema").path("isError").asBoolean())
        .as(calls.path("arguments_not_matching_the_schema").toString()).isTrue();
    assertThat(calls.path("arguments_not_matching_the_schema").path("text").asText()).contains("validation");
    assertThat(calls.path("date_that_does_not_exist").path("isError").asBoolean()).isTrue();
    assertThat(calls.path("date_that_does_not_exist").path("text").asText()).contains("2026-02-30");
    assertThat(calls.path("unknown_tool").path("rejected").asText()).contains("Unknown tool");
  }

  private static void assertResources(JsonNode report) {
    assertThat(names(report.path("resources"))).contains("tars://notes", "tars://documents");
    assertThat(names(report.path("resources"))).anySatisfy(uri -> assertThat(uri).startsWith("tars://notes/"))
        .anySatisfy(uri -> assertThat(uri).startsWith("tars://documents/"));
    assertThat(names(report.path("templates"))).containsExactlyInAnyOrder("tars://notes/{id}",
        "tars://documents/{id}");
    JsonNode reads = report.path("reads");
    assertThat(reads.path("note").path("text").asText()).contains("saffron");
    assertThat(reads.path("note").path("mimeType").asText()).isEqualTo("text/markdown");
    assertThat(reads.path("document").path("text").asText()).contains("Cacilhas").contains("cinnamon");
    assertThat(reads.path("missing").path("rejected").asText()).contains("tars://notes/999999");
  }

  private Map<String, String> stdio(boolean allowActions) throws Exception {
    List<String> command = tarsMcp(allowActions);
    return Map.of("TARS_MCP_MODE", "stdio", "TARS_MCP_COMMAND", command.get(0),
        "TARS_MCP_ARGS", JSON.writeValueAsString(command.subList(1, command.size())));
  }

  /** {@code tars mcp} as a child JVM on this test's data home. */
  private List<String> tarsMcp(boolean allowActions) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-Dtars.home=" + cli.path(), "-cp",
        System.getProperty("java.class.path"), TarsCli.class.getName(), "mcp"));
    if (allowActions) {
      command.add("--allow-actions");
    }
    return command;
  }

  private static Map<String, String> http(String url, String key) {
    return key == null ? Map.of("TARS_MCP_MODE", "http", "TARS_MCP_URL", url)
        : Map.of("TARS_MCP_MODE", "http", "TARS_MCP_URL", url, "TARS_API_KEY", key);
  }

  /** Runs the Node client with {@code settings} and returns its report. */
  private JsonNode node(Map<String, String> settings) throws Exception {
    Path nodeDir = Path.of(System.getProperty("tars.node.dir", "target/node"));
    assertThat(nodeDir.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))
        .as("npm ci runs in pre-integration-test").exists();
    Files.copy(Path.of("src/test/node/mcp-test.mjs"), nodeDir.resolve("mcp-test.mjs"),
        StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder node = new ProcessBuilder("node", "mcp-test.mjs").directory(nodeDir.toFile());
    node.environment().putAll(settings);
    node.environment().put("TARS_DOC_QUERY", "How often does the ferry to Cacilhas leave?");
    node.environment().put("TARS_NOTE_QUERY", "saffron");
    node.environment().put("TARS_FROM", EVENT_DAY.minusDays(1).toString());
    node.environment().put("TARS_TO", EVENT_DAY.plusDays(1).toString());
    node.environment().put("TARS_CONVERSATION_QUERY", "Lisbon holiday");
    node.environment().put("TARS_WHEN", WHEN);
    Path stderr = Files.createTempFile(dir, "node", ".err");
    node.redirectError(stderr.toFile());
    Process process = node.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("node failed:%n%s%n%s", out, Files.readString(stderr)).isZero();
    JsonNode report = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    System.out.println("MCP client report (" + settings.get("TARS_MCP_MODE") + "): " + report);
    if (report.has("connectError")) {
      System.out.println("Node's standard error (with tars mcp's):\n" + Files.readString(stderr));
    }
    return report;
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
