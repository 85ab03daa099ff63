package dev.tars.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Sampling;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a server that behaves like api.openai.com rather than llama.cpp: no tokenizer
 * endpoints, usage in a separate last chunk, strict about unknown fields. A real HTTP server on loopback.
 */
class OpenAiChatEngineRemoteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;
  private final List<JsonNode> chatBodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile boolean dropMidStream;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(dev.tars.concurrent.NamedThreads.named("fake-openai")));
    server.createContext("/v1/models", ex -> respond(ex, 200, "application/json",
        "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-test\",\"object\":\"model\"}]}"));
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/", ex -> respond(ex, 404, "application/json", "{\"error\":{\"message\":\"no route\"}}"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OpenAiChatEngine engine() {
    return new OpenAiChatEngine(OpenAiChatEngine.Options.remote(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/"), "sk-test", " "));
  }

  private void chat(HttpExchange ex) throws IOException {
    chatBodies.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
    authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (String word : List.of("Hello", " there", ",", " friend")) {
        out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word
            + "\"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (dropMidStream && word.equals(" there")) {
          ex.close();
          return;
        }
      }
      out.write("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n".getBytes(StandardCharsets.UTF_8));
      out.write("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4}}\n\n".getBytes(StandardCharsets.UTF_8));
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ChatRequest request() {
    return new ChatRequest(List.of(ChatMessage.user("hi")), new Sampling(0.5, 0.9, 50), List.of("\n\n"));
  }

  @Test
  void streamsAnOpenAiStyleAnswerWithUsageInItsOwnLastChunk() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    try (OpenAiChatEngine engine = engine()) {
      Completion completion = engine.generate(request(), deltas::add).result().get(10, TimeUnit.SECONDS);

      assertThat(deltas).containsExactly("Hello", " there", ",", " friend");
      assertThat(completion.text()).isEqualTo("Hello there, friend");
      assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(completion.promptTokens()).isEqualTo(11);
      assertThat(completion.completionTokens()).isEqualTo(4);
    }
  }

  @Test
  void sendsOnlyStandardFieldsTheKeyAndTheListedModel() throws Exception {
    try (OpenAiChatEngine engine = engine()) {
      engine.generate(request(), text -> {}).result().get(10, TimeUnit.SECONDS);
    }
    JsonNode body = chatBodies.getFirst();
    assertThat(body.get("model").asText()).isEqualTo("gpt-test");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
    assertThat(body.get("stop").get(0).asText()).isEqualTo("\n\n");
    assertThat(body.has("cache_prompt")).isFalse();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(authorizations).containsExactly("Bearer sk-test");
  }

  @Test
  void withoutTokenizerEndpointsCountsAreEstimatesThatErrHigh() throws Exception {
    try (OpenAiChatEngine engine = engine()) {
      List<ChatMessage> messages = List.of(ChatMessage.user("How long is this question?"));
      int first = engine.countTokens(messages);

      assertThat(first).isEqualTo(OpenAiChatEngine.estimateTokens(messages)).isGreaterThan(8);
      assertThat(engine.countTokens(List.of(ChatMessage.user("How long is this question?"),
          ChatMessage.assistant("Quite short."), ChatMessage.user("And now?")))).isGreaterThan(first);
      assertThat(engine.model().contextLength()).isEqualTo(-1);
    }
  }

  @Test
  void connectionLostMidStreamEndsInAnErrorWithThePartialText() throws Exception {
    dropMidStream = true;
    try (OpenAiChatEngine engine = engine()) {
      Completion completion = engine.generate(request(), text -> {}).result().get(10, TimeUnit.SECONDS);

      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(completion.text()).isEqualTo("Hello there");
      assertThat(completion.error().getMessage()).contains("partial answer was kept");
    }
  }
}
