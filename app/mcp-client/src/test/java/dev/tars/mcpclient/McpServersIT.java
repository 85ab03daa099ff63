package dev.tars.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.tools.OfferedTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tars as an MCP client against the reference servers from npm ({@code @modelcontextprotocol/server-everything}
 * and {@code server-filesystem}, pinned in {@code src/test/node}, installed by {@code npm ci} before the
 * integration tests), started over stdio as a person would configure them.
 */
class McpServersIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Database database;
  private ToolSettings settings;
  private McpServers servers;

  /** The reference servers as a person adds them in Settings → Tools. */
  static McpServerConfig everything() {
    return McpServerConfig.command("Everything", "node",
        List.of(nodeModules().resolve("@modelcontextprotocol/server-everything/dist/index.js").toString()), Map.of());
  }

  static McpServerConfig filesystem(Path allowed) {
    return McpServerConfig.command("Files", "node",
        List.of(nodeModules().resolve("@modelcontextprotocol/server-filesystem/dist/index.js").toString(),
            allowed.toString()), Map.of());
  }

  static Path nodeModules() {
    Path modules = Path.of(System.getProperty("tars.node.dir", "target/node")).toAbsolutePath().resolve("node_modules");
    assertThat(modules.resolve("@modelcontextprotocol/server-everything/package.json"))
        .as("the reference MCP servers (npm ci runs in pre-integration-test)").exists();
    return modules;
  }

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir.resolve("home"));
    settings = new ToolSettings(database.dataSource());
    servers = new McpServers(settings, "test");
  }

  @AfterEach
  void close() {
    servers.close();
    database.close();
  }

  @Test
  void listsTheToolsOfBothReferenceServersAndRunsTheirCalls() throws Exception {
    Path files = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(files.resolve("hello.txt"), "Hola desde el disco");
    settings.putServer(everything());
    settings.putServer(filesystem(files));

    List<String> names = servers.offeredTools().stream().map(t -> t.tool().name()).toList();

    assertThat(names).contains("everything.echo", "everything.get-sum", "files.read_text_file",
        "files.list_directory");
    McpServer everything = servers.server("everything").orElseThrow();
    assertThat(everything.status()).isEqualTo(McpServer.Status.CONNECTED);
    assertThat(everything.call("echo", JSON.readTree("{\"message\": \"ping\"}"))).contains("ping");
    assertThat(servers.server("files").orElseThrow().call("read_text_file",
        JSON.createObjectNode().put("path", files.resolve("hello.txt").toString()))).isEqualTo("Hola desde el disco");
  }

  @Test
  void aToolTurnedOffIsNotOfferedAndAnAlwaysAllowedOneSaysSo() {
    settings.putServer(everything());
    settings.setEnabled("everything", "echo", false);
    settings.setAlwaysAllowed("everything", "get-sum", true);

    List<OfferedTool> offered = servers.offeredTools();

    assertThat(offered).extracting(t -> t.tool().name()).doesNotContain("everything.echo");
    assertThat(offered).filteredOn(t -> t.tool().name().equals("everything.get-sum")).singleElement()
        .satisfies(t -> assertThat(t.alwaysAllowed()).isTrue()).satisfies(t -> assertThat(t.server())
            .isEqualTo("Everything"));
  }

  @Test
  void aSlowToolTimesOutWithAClearMessageAndTheServerIsRestartedOnTheNextUse() throws Exception {
    settings.putServer(everything().withTimeout(Duration.ofSeconds(2)));
    McpServer server = servers.server("everything").orElseThrow();
    server.listTools();
    long firstPid = serverPid();

    long started = System.nanoTime();
    assertThatThrownBy(() -> server.call("trigger-long-running-operation",
        JSON.readTree("{\"duration\": 20, \"steps\": 2}")))
        .isInstanceOf(McpServerException.class).hasMessageContaining("did not answer within 2 s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(server.status()).isEqualTo(McpServer.Status.FAILED);

    assertThat(server.call("echo", JSON.readTree("{\"message\": \"again\"}"))).contains("again");
    assertThat(serverPid()).isNotEqualTo(firstPid);
  }

  @Test
  void aServerKilledMidCallFailsTheCallAndIsRestartedOnTheNextUse() throws Exception {
    settings.putServer(everything());
    McpServer server = servers.server("everything").orElseThrow();
    server.listTools();
    long pid = serverPid();

    CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
      try {
        return server.call("trigger-long-running-operation", JSON.readTree("{\"duration\": 25, \"steps\": 5}"));
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    Thread.sleep(1500);
    long killed = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    assertThatThrownBy(() -> call.get(40, TimeUnit.SECONDS)).hasCauseInstanceOf(McpServerException.class)
        .cause().hasMessageContaining("will be restarted on the next use");
    long failedAfter = (System.nanoTime() - killed) / 1_000_000;
    System.out.printf("The killed server's call failed after %d ms%n", failedAfter);
    assertThat(failedAfter).as("the call fails when the process ends, not at the time limit").isLessThan(10_000);

    assertThat(server.call("echo", JSON.readTree("{\"message\": \"back\"}"))).contains("back");
    assertThat(serverPid()).isNotEqualTo(pid);
  }

  @Test
  void reachesAServerOverStreamableHttpWithHeadersGiven() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder("node",
        nodeModules().resolve("@modelcontextprotocol/server-everything/dist/index.js").toString(), "streamableHttp")
        .redirectErrorStream(true).redirectOutput(dir.resolve("http-server.log").toFile());
    builder.environment().put("PORT", Integer.toString(port));
    Process http = builder.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Files.readString(dir.resolve("http-server.log")).contains("listening") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      settings.putServer(McpServerConfig.http("Remote everything", "http://127.0.0.1:" + port + "/mcp",
          Map.of("X-Tars-Test", "yes")));
      McpServer server = servers.server("remote-everything").orElseThrow();

      assertThat(server.listTools()).extracting(McpServer.ServerTool::name).contains("echo");
      assertThat(server.call("echo", JSON.readTree("{\"message\": \"over http\"}"))).contains("over http");
    } finally {
      servers.close();
      http.destroy();
      http.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** The one reference server process this test started (a child of this JVM running server-everything). */
  private static long serverPid() {
    return ProcessHandle.current().descendants().filter(p -> p.isAlive() && p.info().commandLine().orElse("")
        .contains("server-everything")).mapToLong(ProcessHandle::pid).max().orElseThrow();
  }
}
