package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.StatelessChat;
import dev.tars.search.KnowledgeSource;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestEmbedder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and structured request bodies against the real server over loopback: whatever arrives, the answer is
 * a success or a 4xx with an OpenAI-style error, never a 500, and nothing is logged at ERROR or with a stack
 * trace. {@code -Dtars.fuzz.cases=N} (the {@code nightly} profile: 100,000) and {@code -Dtars.fuzz.seed=S} to
 * replay a failure. The engine answers "ok" at once (the test kit's {@code ScriptedEngine}): the subject is the HTTP and JSON layer.
 */
class ApiJsonFuzzIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String KEY = "tars-fuzz-key-0123456789abcdef";
  private static final List<String> FIELDS = List.of("model", "messages", "temperature", "top_p", "max_tokens",
      "max_completion_tokens", "stream", "stream_options", "stop", "n", "tools", "functions", "tars", "input",
      "encoding_format", "dimensions", "role", "content", "type", "text", "knowledge", "collections",
      "token_budget", "include_usage", "user", "seed");
  private static final List<String> PATHS = List.of("/v1/chat/completions", "/v1/embeddings");

  @TempDir Path dir;

  @Test
  void noBodyGetsA500OrAStackTrace() throws Exception {
    int cases = Integer.getInteger("tars.fuzz.cases", 3000);
    long seed = Long.getLong("tars.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    KnowledgeSource knowledge = (query, collections, budget) -> List.of(
        new KnowledgeSource.Passage(1, 1, "/docs/a.txt", 0, "A passage.", 0.5));
    ScriptedEngine engine = ScriptedEngine.answering("ok");
    try (engine; AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"));
        ApiServer server = ApiServer.start(ApiServer.Options.defaults(KEY).withPort(0).withLimits(64 << 10, 64),
            new ApiServer.Services(new StatelessChat(() -> engine), null, TestEmbedder.hashing(), knowledge,
                audit));
        LogCapture log = new LogCapture()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      int ok = 0;
      for (int i = 0; i < cases; i++) {
        byte[] body = body(random, i);
        String path = PATHS.get(random.nextInt(PATHS.size()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        String what = "seed " + seed + ", case " + i + ", " + path + ": "
            + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8) + " -> " + response.body();
        assertThat(response.statusCode()).as("%s; logged: %s", what, log.errorsAndStackTraces()).isBetween(200, 499);
        if (response.statusCode() == 200) {
          ok++;
        } else {
          JsonNode error = JSON.readTree(response.body()).path("error");
          assertThat(error.path("message").asText()).as(what).isNotBlank().doesNotContain("\tat ");
          assertThat(error.path("type").asText()).as(what).isEqualTo(response.statusCode() == 429
              ? "rate_limit_error" : "invalid_request_error");
        }
      }
      assertThat(log.errorsAndStackTraces()).as("seed " + seed).isEmpty();
      assertThat(ok).as("some structured bodies are valid and answered (seed %d)", seed).isPositive();
    }
  }

  /** A third each: random bytes, a mutated valid body, a structured random tree. */
  private static byte[] body(Random random, int i) {
    return switch (i % 3) {
      case 0 -> {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
          bytes[0] = '{';
        }
        yield bytes;
      }
      case 1 -> mutate(random, validBody(random)).getBytes(StandardCharsets.UTF_8);
      default -> tree(random).toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String validBody(Random random) {
    ObjectNode body = NODES.objectNode().put("model", "tars");
    body.putArray("messages").addObject().put("role", "user").put("content", "Hello " + random.nextInt());
    body.put("input", "some text").put("max_tokens", 1 + random.nextInt(8)).put("stream", random.nextBoolean());
    if (random.nextBoolean()) {
      body.putObject("tars").putObject("knowledge").putArray("collections").add(1);
    }
    return body.toString();
  }

  private static String mutate(Random random, String text) {
    StringBuilder s = new StringBuilder(text);
    for (int n = 1 + random.nextInt(3); n > 0 && !s.isEmpty(); n--) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, "{}[]\",:0-9eE.\\u tfn".charAt(random.nextInt(19)));
        default -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
      }
    }
    return s.toString();
  }

  /** An object with known field names and values of random type and shape. */
  private static ObjectNode tree(Random random) {
    ObjectNode body = NODES.objectNode();
    if (random.nextInt(4) > 0) {
      ArrayNode messages = body.putArray("messages");
      for (int m = random.nextInt(3); m >= 0; m--) {
        ObjectNode message = messages.addObject();
        message.set("role", random.nextInt(3) > 0
            ? NODES.textNode(List.of("user", "system", "assistant", "developer", "tool").get(random.nextInt(5)))
            : value(random, 2));
        message.set("content", random.nextInt(3) > 0 ? NODES.textNode("hi") : value(random, 3));
      }
    }
    for (int f = random.nextInt(5); f > 0; f--) {
      body.set(FIELDS.get(random.nextInt(FIELDS.size())), value(random, 4));
    }
    return body;
  }

  private static JsonNode value(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 11 : 9);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt(7) - 2);
      case 3 -> NODES.numberNode(random.nextLong());
      case 4 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      case 5 -> NODES.numberNode(new java.math.BigInteger(90, random));
      case 6 -> NODES.textNode(List.of("", "tars", "user", "text", "float", "base64", "\u0000", "\ud83d\ude00",
          "x".repeat(random.nextInt(2000))).get(random.nextInt(9)));
      case 7 -> NODES.numberNode(Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1));
      case 8 -> NODES.textNode(Integer.toString(random.nextInt()));
      case 9 -> {
        ArrayNode array = NODES.arrayNode();
        for (int n = random.nextInt(4); n > 0; n--) {
          array.add(value(random, depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int n = random.nextInt(4); n > 0; n--) {
          object.set(FIELDS.get(random.nextInt(FIELDS.size())), value(random, depth - 1));
        }
        yield object;
      }
    };
  }
}
