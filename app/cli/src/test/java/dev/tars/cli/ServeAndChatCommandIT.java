package dev.tars.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.config.StoredSettings;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.testkit.TestModels;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}, {@code chat} and {@code ask --json} as a person or script uses them, on real llama.cpp. */
class ServeAndChatCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home);

  @Test
  void servePrintsAddressAndKeyAndServesUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine tars = TarsCli.commandLine();
    tars.setOut(new PrintWriter(out, true));
    tars.setErr(new PrintWriter(new StringWriter(), true));
    ExecutorService executor = Executors.newSingleThreadExecutor(dev.tars.concurrent.NamedThreads.named("serve-test"));
    try {
      Future<Integer> serving = executor.submit(() -> tars.execute("serve", "--model", TestModels.tiny().toString(),
          "--port", "0", "--threads", "1"));
      Matcher printed = awaitOutput(out, Pattern.compile("(?s).*Tars local API: (\\S+).*API key: (\\S+).*"));
      String baseUrl = printed.group(1);
      assertThat(out.toString()).contains("Tars chose port " + URI.create(baseUrl).getPort() + " itself");
      String key = printed.group(2);
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
          .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/models")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(baseUrl).startsWith("http://127.0.0.1:");
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.body()).contains("tars-tiny.Q8_0.gguf");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      Path keyFile = home.resolve("api-key");
      assertThat(Files.readString(keyFile).strip()).isEqualTo(key);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      HttpResponse<String> embeddings = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/embeddings"))
          .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tars\",\"input\":[\"hello\",\"world\"]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(embeddings.statusCode()).as(embeddings.body()).isEqualTo(200);
      assertThat(JSON.readTree(embeddings.body()).path("data").path(1).path("embedding").size())
          .as("the knowledge base's bge-small embedder").isEqualTo(384);
      assertThat(Files.readAllLines(home.resolve("logs/api-audit.jsonl"))).hasSize(3);

      serving.cancel(true);
      executor.shutdown();
      assertThat(executor.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
      assertThat(out.toString()).contains("Stopped.");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void theKeyIsMadeOnceAndShownAgainNextTime() throws Exception {
    String first = dev.tars.api.ApiKeys.loadOrCreate(home.resolve("api-key"));
    String second = dev.tars.api.ApiKeys.loadOrCreate(home.resolve("api-key"));

    assertThat(first).startsWith("tars-").hasSizeGreaterThan(40).isEqualTo(second);
  }

  @Test
  void serveOnATakenPortFailsInOneLineNamingThePortAndWhatHoldsIt() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun run = CliRun.tars("serve", "--port", Integer.toString(port), "--no-knowledge",
          "--model", TestModels.tiny().toString(), "--threads", "1");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err()).contains("Port " + port).contains("process " + ProcessHandle.current().pid())
          .doesNotContain("Exception");
    }
  }

  @Test
  void serveRefusesAnOpenAddressWithoutAllowRemoteInOneLine() {
    CliRun run = CliRun.tars("serve", "--host", "0.0.0.0", "--model", TestModels.tiny().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tars: ").contains("--allow-remote").doesNotContain("Exception");
  }

  @Test
  void chatStreamsAnswersAndKeepsTheConversationInTheHistoryDatabase() throws Exception {
    try (Database database = cli.openDatabase()) {
      StoredSettings settings = new StoredSettings(database.dataSource());
      settings.save(settings.get().withDefaults("Be brief.", new Sampling(0.7, 0.95, 6)));
    }
    CliRun first = chat("Hello there\n/exit\n");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("Conversation 1.");
    CliRun second = chat("And again\n", "--conversation", "1");
    assertThat(second.exitCode()).as(second.err()).isZero();

    try (Database database = cli.openDatabase()) {
      ConversationStore store = new ConversationStore(database.dataSource(), Clock.systemUTC());
      Conversation conversation = store.find(1).orElseThrow();
      List<Message> messages = store.messages(conversation.id());
      assertThat(conversation.title()).isEqualTo("Hello there");
      assertThat(messages).extracting(Message::role)
          .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
      assertThat(messages.get(1).content()).isNotBlank();
      assertThat(first.out()).contains(messages.get(1).content());
      assertThat(messages).extracting(Message::status).containsOnly(MessageStatus.COMPLETE);
    }
  }

  private CliRun chat(String input, String... extra) {
    CommandLine tars = TarsCli.commandLine();
    ((ChatCommand) tars.getSubcommands().get("chat").getCommand()).input =
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    String[] args = new String[4 + extra.length];
    System.arraycopy(new String[] {"chat", "--model", TestModels.tiny().toString(), "--threads=1"}, 0, args, 0, 4);
    System.arraycopy(extra, 0, args, 4, extra.length);
    return CliRun.of(tars, args);
  }

  @Test
  void askWithJsonPrintsOneObjectForScripts() throws Exception {
    CliRun run = CliRun.tars("ask", "--json", "--model", TestModels.tiny().toString(), "--max-tokens",
        "8", "--threads", "1", "Hi");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.path("model").asText()).isEqualTo("tars-tiny.Q8_0.gguf");
    assertThat(result.path("answer").asText()).isNotBlank();
    assertThat(result.path("finish_reason").asText()).isEqualTo("length");
    assertThat(result.path("completion_tokens").asInt()).isEqualTo(8);
  }

  @Test
  void everyNewCommandHasHelp() {
    for (String command : new String[] {"serve", "chat", "ask"}) {
      CliRun run = CliRun.tars(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: tars " + command);
    }
    assertThat(CliRun.tars("serve", "--help").out()).contains("--port").contains("--host")
        .contains("--allow-remote").contains("--model").contains("--history");
    assertThat(CliRun.tars("ask", "--help").out()).contains("--json");
  }

  private static Matcher awaitOutput(StringWriter out, Pattern pattern) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      Matcher m = pattern.matcher(out.toString());
      if (m.matches()) {
        return m;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not print its address and key in 120 s:\n" + out);
  }
}
