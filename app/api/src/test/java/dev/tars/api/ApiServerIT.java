package dev.tars.api;

import dev.tars.search.KnowledgeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.testkit.core.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local API over real HTTP on loopback, answering with real llama.cpp (generated tiny model). */
class ApiServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static LocalApiFixture api;
  private static LocalApiFixture.Served served;

  @BeforeAll
  static void start() throws Exception {
    api = new LocalApiFixture(dir);
    served = api.serve();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static JsonNode error(HttpResponse<String> response) throws Exception {
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(error.has("type")).isTrue();
    assertThat(error.has("code")).isTrue();
    return error;
  }

  private static String chatBody(String extra) {
    return "{\"model\":\"tars\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]" + extra + "}";
  }

  @Test
  void healthNeedsNoKeyButEverythingElseDoes() throws Exception {
    assertThat(api.get(served, "/health", null).statusCode()).isEqualTo(200);
    for (String key : new String[] {null, "wrong-key", LocalApiFixture.KEY + "x"}) {
      HttpResponse<String> response = api.get(served, "/v1/models", key);
      assertThat(response.statusCode()).as("key %s", key).isEqualTo(401);
      assertThat(error(response).path("code").asText()).isEqualTo("invalid_api_key");
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }
    assertThat(api.get(served, "/metrics", null).statusCode()).isEqualTo(401);
  }

  @Test
  void listsTheModelTheEngineServes() throws Exception {
    HttpResponse<String> response = api.get(served, "/v1/models", LocalApiFixture.KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode model = JSON.readTree(response.body()).path("data").path(0);
    assertThat(model.path("id").asText()).isEqualTo("tars-tiny.Q8_0.gguf");
    assertThat(model.path("context_length").asInt()).isEqualTo(2048);
    assertThat(api.get(served, "/v1/models/tars-tiny.Q8_0.gguf", LocalApiFixture.KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void nonStreamedCompletionAnswersWithUsageAndRespectsMaxTokens() throws Exception {
    HttpResponse<String> response = api.post(served, "/v1/chat/completions",
        chatBody(",\"max_tokens\":8,\"temperature\":0.2,\"top_p\":0.9,\"stop\":[\"zzzz\"]"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").path(0).path("message").path("content").asText()).isNotBlank();
    assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(8);
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
  }

  @Test
  void streamedCompletionSendsChunksThenDone() throws Exception {
    HttpResponse<String> response = api.post(served, "/v1/chat/completions",
        chatBody(",\"max_tokens\":12,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<String> events = response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    String finish = null;
    JsonNode usage = null;
    for (String event : events.subList(0, events.size() - 1)) {
      JsonNode chunk = JSON.readTree(event);
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      JsonNode choice = chunk.path("choices").path(0);
      text.append(choice.path("delta").path("content").asText(""));
      if (choice.hasNonNull("finish_reason")) {
        finish = choice.get("finish_reason").asText();
      }
      if (chunk.hasNonNull("usage")) {
        usage = chunk.get("usage");
      }
    }
    assertThat(text.toString()).isNotBlank();
    assertThat(finish).isEqualTo("length");
    assertThat(usage).isNotNull();
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(12);
  }

  @Test
  void malformedJsonGets400() throws Exception {
    HttpResponse<String> response = api.post(served, "/v1/chat/completions", "{\"messages\": [");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void badFieldsGet400NamingTheField() throws Exception {
    record Case(String body, String param) {}
    for (Case c : List.of(
        new Case("{\"model\":\"tars\"}", "messages"),
        new Case(chatBody(",\"temperature\":7"), "temperature"),
        new Case(chatBody(",\"top_p\":0"), "top_p"),
        new Case(chatBody(",\"max_tokens\":0"), "max_tokens"),
        new Case(chatBody(",\"stop\":42"), "stop"),
        new Case(chatBody(",\"n\":3"), "n"),
        new Case("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "messages[0].role"),
        new Case("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].tool_call_id"),
        new Case(chatBody(",\"tool_choice\":\"required\""), "tool_choice"))) {
      HttpResponse<String> response = api.post(served, "/v1/chat/completions", c.body());
      assertThat(response.statusCode()).as(c.body()).isEqualTo(400);
      assertThat(error(response).path("param").asText()).as(c.body()).isEqualTo(c.param());
    }
  }

  @Test
  void oversizedBodyGets413() throws Exception {
    LocalApiFixture.Served small = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0)
        .withLimits(2048, 2), null, null, null);

    HttpResponse<String> response = api.post(small, "/v1/chat/completions", chatBody(",\"user\":\"" + "x".repeat(5000) + "\""));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response).path("code").asText()).isEqualTo("request_too_large");
    assertThat(api.get(small, "/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void garbageThatIsNotHttpGetsAJsonErrorAndTheServerKeepsServing() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", served.server().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reply).startsWith("HTTP/1.1 400").contains("\"error\"").doesNotContain("<html");
    }
    assertThat(api.get(served, "/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownModelGets404ThatNamesTheServedOne() throws Exception {
    HttpResponse<String> response = api.post(served, "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = error(response);
    assertThat(error.path("code").asText()).isEqualTo("model_not_found");
    assertThat(error.path("message").asText()).contains("gpt-4o").contains("tars-tiny.Q8_0.gguf");
  }

  @Test
  void unknownPathsAndWrongMethodsGetErrorBodies() throws Exception {
    HttpResponse<String> missing = api.get(served, "/v1/assistants", LocalApiFixture.KEY);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(error(missing).path("code").asText()).isEqualTo("not_found");
    HttpResponse<String> wrongMethod = api.get(served, "/v1/chat/completions", LocalApiFixture.KEY);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    error(wrongMethod);
  }

  @Test
  void embeddingsAndKnowledgeWithoutTheirServicesSay501Clearly() throws Exception {
    HttpResponse<String> embeddings = api.post(served, "/v1/embeddings", "{\"model\":\"tars\",\"input\":\"hello\"}");
    assertThat(embeddings.statusCode()).isEqualTo(501);
    assertThat(error(embeddings).path("code").asText()).isEqualTo("embeddings_unavailable");

    HttpResponse<String> knowledge = api.post(served, "/v1/chat/completions",
        chatBody(",\"tars\":{\"knowledge\":{\"collections\":[1]}}"));
    assertThat(knowledge.statusCode()).isEqualTo(501);
    assertThat(error(knowledge).path("code").asText()).isEqualTo("knowledge_unavailable");
  }

  @Test
  void tooManyParallelRequestsGet429WhileTheFirstStreams() throws Exception {
    LocalApiFixture.Served one = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0)
        .withLimits(1 << 20, 1), null, null, null);
    try (Socket first = openStream(one, 1500)) {
      readUntilFirstToken(first);

      HttpResponse<String> second = api.post(one, "/v1/chat/completions", chatBody(",\"max_tokens\":2"));

      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(error(second).path("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(second.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void clientDisconnectMidStreamStopsGenerationAndTheNextRequestIsServedPromptly() throws Exception {
    LocalApiFixture.Served one = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0)
        .withLimits(1 << 20, 1), null, null, null);
    int maxTokens = 1900;
    try (Socket first = openStream(one, maxTokens)) {
      readUntilFirstToken(first);
    }

    long start = System.nanoTime();
    HttpResponse<String> next = awaitServed(one);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(millis).as("next request served after %d ms", millis).isLessThan(5_000);
    List<JsonNode> audit = auditLines(one);
    JsonNode dropped = audit.stream().filter(a -> a.path("outcome").asText().equals("client_disconnected"))
        .findFirst().orElseThrow();
    assertThat(dropped.path("completion_tokens").asInt()).isLessThan(maxTokens);
    assertThat(api.get(one, "/metrics", LocalApiFixture.KEY).body())
        .contains("tars_api_client_disconnects_total 1.0");
  }

  @Test
  void everyRequestIsAuditedWithoutItsText() throws Exception {
    LocalApiFixture.Served own = api.serve();
    api.post(own, "/v1/chat/completions", chatBody(",\"max_tokens\":3"));
    api.get(own, "/v1/models", "wrong");

    List<JsonNode> lines = auditLines(own);

    assertThat(lines).extracting(l -> l.path("path").asText() + " " + l.path("status").asInt())
        .containsExactly("/v1/chat/completions 200", "/v1/models 401");
    assertThat(lines.get(0).path("completion_tokens").asInt()).isEqualTo(3);
    assertThat(lines.get(0).path("remote").asText()).isEqualTo("127.0.0.1");
    assertThat(Files.readString(own.audit().file())).doesNotContain("Hello there");
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    api.get(served, "/v1/models", LocalApiFixture.KEY);

    HttpResponse<String> metrics = api.get(served, "/metrics", LocalApiFixture.KEY);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body()).contains("# TYPE tars_api_requests_total counter")
        .contains("tars_api_requests_total{endpoint=\"/v1/models\",status=\"200\"}")
        .contains("tars_api_request_duration_seconds_bucket");
  }

  @Test
  void otherAddressesNeedAnExplicitAllowAndComeWithAWarning() throws Exception {
    assertThatThrownBy(() -> api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0)
        .withHost("0.0.0.0", false), null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other computers");

    LocalApiFixture.Served open = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0)
        .withHost("0.0.0.0", true), null, null, null);
    assertThat(open.server().warning()).hasValueSatisfying(w -> assertThat(w).contains("0.0.0.0"));
  }

  @Test
  void withHistoryOnEachCompletionIsKeptAsAConversationThroughTheChatService() throws Exception {
    try (dev.tars.storage.Database database = TestDatabase.open(dir.resolve("history"))) {
      var store = new dev.tars.chat.ConversationStore(database.dataSource(), java.time.Clock.systemUTC());
      try (var history = new dev.tars.chat.StoredChatService(store, () -> api.engine,
          new dev.tars.config.StoredSettings(database.dataSource()))) {
        LocalApiFixture.Served recording = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0)
            .withHistory(true), history, null, null);

        HttpResponse<String> response = api.post(recording, "/v1/chat/completions",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello from a script\"}],\"max_tokens\":5}");
        assertThat(response.statusCode()).isEqualTo(200);
        String answer = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asText();

        List<dev.tars.chat.Conversation> kept = List.of();
        for (int i = 0; i < 100 && kept.isEmpty(); i++) {
          kept = history.conversations("API:");
          Thread.sleep(kept.isEmpty() ? 50 : 0);
        }
        recording.server().close();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).title()).isEqualTo("API: Hello from a script");
        assertThat(kept.get(0).systemPrompt()).isEqualTo("Be brief.");
        assertThat(history.messages(kept.get(0).id())).extracting(dev.tars.chat.Message::content)
            .containsExactly("Hello from a script", answer);
      }
    }
  }

  @Test
  void knowledgeExtensionGroundsTheAnswerAndReturnsCitations() throws Exception {
    var asked = new java.util.concurrent.CopyOnWriteArrayList<String>();
    KnowledgeSource source = (query, collections, budget) -> {
      asked.add(query + " " + collections + " " + budget);
      return List.of(new KnowledgeSource.Passage(11, 7, "/docs/manual.pdf", 3,
          "The reset button is under the lid.", 0.9));
    };
    LocalApiFixture.Served grounded = api.serve(ApiServer.Options.defaults(LocalApiFixture.KEY).withPort(0),
        null, null, source);
    String question = "{\"messages\":[{\"role\":\"user\",\"content\":\"Where is the reset button?\"}],"
        + "\"max_tokens\":3";

    JsonNode plain = JSON.readTree(api.post(grounded, "/v1/chat/completions", question + "}").body());
    HttpResponse<String> response = api.post(grounded, "/v1/chat/completions",
        question + ",\"tars\":{\"knowledge\":{\"collections\":[7],\"token_budget\":300}}}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(asked).containsExactly("Where is the reset button? [7] 300");
    JsonNode citation = body.path("tars").path("citations").path(0);
    assertThat(citation.path("index").asInt()).isEqualTo(1);
    assertThat(citation.path("path").asText()).isEqualTo("/docs/manual.pdf");
    assertThat(citation.path("page").asInt()).isEqualTo(3);
    assertThat(citation.path("text").asText()).contains("reset button");
    assertThat(body.path("usage").path("prompt_tokens").asInt())
        .as("the passage went into the prompt").isGreaterThan(plain.path("usage").path("prompt_tokens").asInt() + 5);
    assertThat(plain.path("tars").path("citations")).isEmpty();
  }

  // ---- raw HTTP, so the test controls exactly when the connection goes away ----

  private static Socket openStream(LocalApiFixture.Served s, int maxTokens) throws Exception {
    Socket socket = new Socket("127.0.0.1", s.server().port());
    socket.setSoTimeout(30_000);
    byte[] body = chatBody(",\"stream\":true,\"max_tokens\":" + maxTokens).getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + LocalApiFixture.KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return socket;
  }

  private static void readUntilFirstToken(Socket socket) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String status = in.readLine();
    assertThat(status).contains("200");
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("data: ") && line.contains("\"content\"") && !line.contains("\"content\":\"\"")) {
        return;
      }
    }
    throw new AssertionError("the stream ended before any text");
  }

  /** The engine may still be winding down the cancelled answer for a moment; retry a 429 briefly. */
  private static HttpResponse<String> awaitServed(LocalApiFixture.Served s) throws Exception {
    HttpResponse<String> response = null;
    for (int i = 0; i < 50; i++) {
      response = api.post(s, "/v1/chat/completions", chatBody(",\"max_tokens\":4"));
      if (response.statusCode() != 429) {
        return response;
      }
      Thread.sleep(50);
    }
    return response;
  }

  private static List<JsonNode> auditLines(LocalApiFixture.Served s) throws Exception {
    return Files.readAllLines(s.audit().file()).stream().map(l -> {
      try {
        return JSON.readTree(l);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
