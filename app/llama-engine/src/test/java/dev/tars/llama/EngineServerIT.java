package dev.tars.llama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.testkit.EngineChild;
import dev.tars.testkit.TestModels;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EngineChild engine;
  private static HttpClient http;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    engine = EngineChild.start(TestModels.tiny());
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void healthNeedsNoTokenButTheApiDoes() throws Exception {
    assertThat(send("GET", "/health", null, false).statusCode()).isEqualTo(200);
    HttpResponse<String> denied = send("GET", "/v1/models", null, false);
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(denied.body()).at("/error/message").asText()).contains("bearer token");
  }

  @Test
  void modelListTellsTheContextLength() throws Exception {
    JsonNode models = json(send("GET", "/v1/models", null, true));
    assertThat(models.at("/data/0/id").asText()).endsWith(".gguf");
    assertThat(models.at("/data/0/context_length").asInt()).isEqualTo(2048);
  }

  @Test
  void appliesTheModelsChatTemplateAndTokenizes() throws Exception {
    JsonNode prompt = json(send("POST", "/apply-template", """
        {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hello"}]}""", true));
    assertThat(prompt.get("prompt").asText())
        .isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");

    JsonNode tokens = json(send("POST", "/tokenize", "{\"content\":\"hello the world\"}", true));
    assertThat(tokens.get("tokens")).hasSize(3);
  }

  @Test
  void streamsChunksThenTheFinishReasonUsageAndDone() throws Exception {
    HttpResponse<InputStream> response = http.send(post("/v1/chat/completions", """
        {"messages":[{"role":"user","content":"hello"}],"stream":true,"max_tokens":6}"""),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    List<String> events = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("data: ")) {
          events.add(line.substring(6));
        }
      }
    }
    assertThat(events.getLast()).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    for (String event : events.subList(0, events.size() - 2)) {
      text.append(JSON.readTree(event).at("/choices/0/delta/content").asText());
    }
    JsonNode last = JSON.readTree(events.get(events.size() - 2));
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(6);
    assertThat(last.at("/usage/prompt_tokens").asInt()).isGreaterThan(3);
    assertThat(text.toString()).isNotBlank();
  }

  @Test
  void stopStringEndsTheAnswerBeforeIt() throws Exception {
    String request = """
        {"messages":[{"role":"user","content":"tell me about the world"}],"max_tokens":12,"temperature":0,"seed":1%s}""";
    JsonNode full = json(send("POST", "/v1/chat/completions", request.formatted(""), true));
    String text = full.at("/choices/0/message/content").asText();
    String[] words = text.trim().split(" ");
    assertThat(words.length).isGreaterThan(3);
    String stop = " " + words[2];
    String before = text.substring(0, text.indexOf(stop));

    JsonNode stopped = json(send("POST", "/v1/chat/completions",
        request.formatted(",\"stop\":[" + JSON.writeValueAsString(stop) + "]"), true));
    assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(stopped.at("/choices/0/message/content").asText()).isEqualTo(before);
  }

  @Test
  void promptLongerThanTheContextIsRefusedNotTruncated() throws Exception {
    String longText = "hello ".repeat(2500);
    HttpResponse<String> response = send("POST", "/v1/chat/completions",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + longText + "\"}]}", true);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("context window of 2048");
  }

  @Test
  void badRequestsGetOpenAiStyleErrors() throws Exception {
    HttpResponse<String> noMessages = send("POST", "/v1/chat/completions", "{\"messages\":[]}", true);
    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noMessages.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(send("POST", "/v1/chat/completions", "not json", true).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/chat/completions",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":7}", true).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/v2/nothing", null, true).statusCode()).isEqualTo(404);
  }

  @Test
  void clientLeavingMidStreamStopsTheGenerationAndFreesTheEngine() throws Exception {
    HttpResponse<InputStream> response = http.send(post("/v1/chat/completions", """
        {"messages":[{"role":"user","content":"hello"}],"stream":true,"max_tokens":1900}"""),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      body.readNBytes(600);
    }
    long start = System.nanoTime();
    JsonNode next = json(send("POST", "/v1/chat/completions",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"again\"}],\"max_tokens\":3}", true));
    assertThat(next.at("/choices/0/message/content").asText()).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(engine.stderr()).containsPattern("Client went away mid-stream; generation stopped after \\d+ tokens");
  }

  @Test
  void childHaltsWhenItsParentLetsGoOfStdin() throws Exception {
    try (EngineChild own = EngineChild.start(TestModels.tiny())) {
      own.closeStdin();
      assertThat(own.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void unloadableModelPrintsOneFailureLineAndExitsNonZero() throws Exception {
    EngineChild.Failure failure = EngineChild.startExpectingFailure(TestModels.unsupportedArchitecture(dir));
    assertThat(failure.exitCode()).isEqualTo(EngineServer.EXIT_LOAD_FAILED);
    assertThat(failure.stdout()).anySatisfy(line ->
        assertThat(line).contains(EngineServer.FAILED_PREFIX).contains("foobar.gguf"));
  }

  private static HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(engine.baseUri().resolve(path))
        .header("Authorization", "Bearer " + engine.token())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> send(String method, String path, String body, boolean auth) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(engine.baseUri() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (auth) {
      builder.header("Authorization", "Bearer " + engine.token());
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
