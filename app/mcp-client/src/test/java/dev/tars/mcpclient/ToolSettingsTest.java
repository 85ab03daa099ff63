package dev.tars.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.files.ProgramLookup;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.tools.OfferedTool;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolCallRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool settings on a real H2 database, and what the chat is offered from them. */
class ToolSettingsTest {
  @TempDir Path dir;
  private Database database;

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void serversAndSwitchesSurviveAReopenAndRemovingAServerForgetsItsTools() {
    ToolSettings settings = new ToolSettings(database.dataSource());
    assertThat(settings.get()).isEqualTo(ToolSettings.Values.DEFAULTS);
    settings.putServer(McpServerConfig.command("My files", "npx", List.of("-y", "server-filesystem", "/home/me"),
        Map.of("LANG", "es")).withTimeout(Duration.ofSeconds(12)));
    settings.putServer(McpServerConfig.http("Remote", "https://mcp.example.com/mcp", Map.of("Authorization",
        "Bearer x")));
    settings.setEnabled("my-files", "write_file", false);
    settings.setAlwaysAllowed("remote", "search", true);
    settings.setInChat(true, 3);

    ToolSettings.Values reopened = new ToolSettings(database.dataSource()).get();

    assertThat(reopened.inChat()).isTrue();
    assertThat(reopened.maxRounds()).isEqualTo(3);
    assertThat(reopened.servers()).isEqualTo(settings.get().servers());
    assertThat(reopened.servers().getFirst().timeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(reopened.servers().getFirst().env()).containsEntry("LANG", "es");
    assertThat(reopened.servers().get(1).headers()).containsEntry("Authorization", "Bearer x");
    assertThat(reopened.enabled("my-files", "write_file")).isFalse();
    assertThat(reopened.alwaysAllowed("remote", "search")).isTrue();

    settings.removeServer("remote");
    assertThat(settings.get().servers()).extracting(McpServerConfig::id).containsExactly("my-files");
    assertThat(settings.get().alwaysAllowed()).isEmpty();
    assertThat(settings.freeId("My files")).isEqualTo("my-files-2");
    assertThat(settings.freeId("Tars")).isEqualTo("tars-2");
  }

  @Test
  void aServerNeedsANameAndEitherACommandOrAnHttpAddress() {
    assertThatThrownBy(() -> McpServerConfig.command(" ", "npx", List.of(), Map.of()))
        .hasMessage("Give the server a name.");
    assertThatThrownBy(() -> McpServerConfig.http("x", "ftp://host/mcp", Map.of()))
        .hasMessageContaining("http:// or https://");
    assertThat(McpServerConfig.idOf("Ñandú Tools!")).isEqualTo("and-tools");
  }

  @Test
  void chatToolsOfferNothingUntilTurnedOnAndOnlyThePersonsChoiceAllowsAToolForGood() throws Exception {
    ToolSettings settings = new ToolSettings(database.dataSource());
    Tool note = new Tool("create_note", "Saves a note.", new ObjectMapper().readTree("{\"type\": \"object\"}"),
        args -> "saved");
    try (McpServers servers = new McpServers(settings, "test")) {
      ChatTools tools = new ChatTools(settings, servers, () -> List.of(note));
      assertThat(tools.offered()).isEmpty();

      settings.setInChat(true, 5);
      // Without a window to ask, only tools always allowed are offered, and a call that needs asking is not run.
      assertThat(tools.offered()).isEmpty();
      tools.setApprover(r -> CompletableFuture.completedFuture(ToolCallRequest.Decision.ALWAYS_ALLOW));
      assertThat(tools.offered()).extracting(t -> t.tool().name() + " " + t.server() + " " + t.alwaysAllowed())
          .containsExactly("create_note Tars false");
      ToolCallRequest request = new ToolCallRequest(1, tools.offered().getFirst(), "{}");
      tools.setApprover(null);
      assertThat(tools.approve(request)).isEqualTo(ToolCallRequest.Decision.DENY);

      tools.setApprover(r -> CompletableFuture.completedFuture(ToolCallRequest.Decision.ALWAYS_ALLOW));
      assertThat(tools.approve(request)).isEqualTo(ToolCallRequest.Decision.ALWAYS_ALLOW);
      assertThat(tools.offered()).extracting(OfferedTool::alwaysAllowed).containsExactly(true);
      tools.setApprover(null);
      assertThat(tools.offered()).extracting(t -> t.tool().name()).containsExactly("create_note");

      settings.setEnabled(ToolSettings.BUILT_IN, "create_note", false);
      assertThat(tools.offered()).isEmpty();
    }
  }

  @Test
  void stopTakesBackAQuestionStillWaitingForThePerson() throws Exception {
    ToolSettings settings = new ToolSettings(database.dataSource());
    Tool note = new Tool("create_note", "Saves a note.", new ObjectMapper().readTree("{\"type\": \"object\"}"),
        args -> "saved");
    settings.setInChat(true, 5);
    try (McpServers servers = new McpServers(settings, "test"); var asking = java.util.concurrent.Executors
        .newSingleThreadExecutor(dev.tars.concurrent.NamedThreads.named("asking"))) {
      ChatTools tools = new ChatTools(settings, servers, () -> List.of(note));
      CompletableFuture<ToolCallRequest.Decision> shown = new CompletableFuture<>();
      tools.setApprover(r -> shown);
      ToolCallRequest request = new ToolCallRequest(1, tools.offered().getFirst(), "{}");
      java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
      CompletableFuture<ToolCallRequest.Decision> decided = CompletableFuture.supplyAsync(() -> {
        try {
          return tools.approve(request, stopped::get);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, asking);
      Thread.sleep(300);
      assertThat(decided).as("waits for the person").isNotDone();
      long pressed = System.nanoTime();
      stopped.set(true);
      assertThat(decided.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ToolCallRequest.Decision.DENY);
      assertThat((System.nanoTime() - pressed) / 1_000_000).as("ms after Stop").isLessThan(1_000);
      assertThat(shown).as("the card's question is taken back").isCancelled();
    }
  }

  @Test
  void aServersNewTimeLimitKeepsItsPlaceInTheList() {
    ToolSettings settings = new ToolSettings(database.dataSource());
    McpServerConfig first = settings.putServer(McpServerConfig.command("Files", "node", List.of("files.js"),
        Map.of()));
    settings.putServer(McpServerConfig.http("Web", "http://localhost:3001/mcp", Map.of()));
    settings.putServer(first.withTimeout(Duration.ofSeconds(90)));
    assertThat(new ToolSettings(database.dataSource()).get().servers())
        .extracting(c -> c.name() + " " + c.timeout().toSeconds()).containsExactly("Files 90", "Web 30");
  }

  @Test
  void aCommandThatDoesNotExistFailsAtOnceAndSaysSo() {
    McpServer missing = new McpServer(McpServerConfig.command("Nowhere", "tars-no-such-command-4711", List.of(),
        Map.of()), "test");
    long started = System.nanoTime();
    assertThatThrownBy(missing::listTools).isInstanceOf(McpServerException.class).hasMessageContaining("not found")
        .hasMessageContaining("tars-no-such-command-4711");
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(1_000);
    assertThat(missing.status()).isEqualTo(McpServer.Status.FAILED);
    assertThat(missing.lastProblem()).isEqualTo(new McpServer.Problem(McpServer.Problem.Kind.COMMAND_NOT_FOUND,
        "tars-no-such-command-4711"));
    assertThat(ProgramLookup.here().find("java", Path.of(System.getProperty("java.home"), "bin").toString()))
        .isPresent();
  }
}
