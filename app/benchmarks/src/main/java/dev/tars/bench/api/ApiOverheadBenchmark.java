package dev.tars.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.api.ApiServer;
import dev.tars.api.AuditLog;
import dev.tars.chat.StatelessChat;
import dev.tars.bench.StreamedRun;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import dev.tars.testkit.TestModels;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.tars.bench.RoundRatios;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the local API costs on top of calling the engine directly, measured in one run on the same engine:
 * milliseconds added per request (short answers, median of alternating runs) and the streaming speed seen by an
 * HTTP client as a share of the speed seen by a direct caller. The model is generated (random weights, SmolLM-135M
 * dimensions by default; {@code -Dbench.model=tiny} for the tiny test model).
 */
public final class ApiOverheadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "tars-benchmark-key-0123456789";

  private ApiOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean tiny = "tiny".equals(System.getProperty("bench.model"));
    int requests = Integer.getInteger("bench.requests", 40);
    int streamTokens = Integer.getInteger("bench.streamTokens", 128);
    int streamRuns = Integer.getInteger("bench.streamRuns", 3);
    int threads = Integer.getInteger("bench.threads", 2);
    Path model = tiny ? TestModels.tiny() : TestModels.smolLm135m();
    Path dir = Files.createTempDirectory("tars-api-bench");
    List<ChatMessage> prompt = List.of(ChatMessage.system("You are brief."), ChatMessage.user("Say something."));

    try (LocalEngine engine = new LocalEngine(LocalEngine.Options.defaults(dir.resolve("tmp")).withThreads(threads));
        AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"))) {
      engine.load(model);
      if (!engine.awaitReady(Duration.ofMinutes(2))) {
        throw new IllegalStateException("engine did not start: " + engine.status());
      }
      try (ApiServer server = ApiServer.start(ApiServer.Options.defaults(KEY).withPort(0).withLimits(1 << 20, 4),
          new ApiServer.Services(new StatelessChat(() -> engine), null, null, null, audit))) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI completions = URI.create(server.baseUrl() + "/chat/completions");
        Sampling shortAnswer = new Sampling(0.7, 0.95, 1);

        for (int i = 0; i < 5; i++) {
          direct(engine, prompt, shortAnswer);
          api(http, completions, 1, false);
        }
        double[] directMs = new double[requests];
        double[] apiMs = new double[requests];
        double[] leanMs = new double[requests];
        try (LeanHttpClient lean = new LeanHttpClient(server.port())) {
          for (int i = 0; i < 3; i++) {
            lean.post("/v1/chat/completions", requestBody(1, false));
          }
          for (int i = 0; i < requests; i++) {
            // Alternate, so drift on a shared machine hits all sides alike.
            directMs[i] = direct(engine, prompt, shortAnswer);
            apiMs[i] = api(http, completions, 1, false);
            long t0 = System.nanoTime();
            lean.post("/v1/chat/completions", requestBody(1, false));
            leanMs[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        double leanMedian = median(leanMs);
        double directMedian = median(directMs);
        double apiMedian = median(apiMs);
        // The floor: one loopback HTTP exchange that does no work, on this machine under its current load.
        double[] healthMs = new double[requests];
        HttpRequest health = HttpRequest.newBuilder(URI.create(server.baseUrl().replace("/v1", "/health"))).build();
        for (int i = 0; i < requests; i++) {
          long t0 = System.nanoTime();
          http.send(health, HttpResponse.BodyHandlers.ofString());
          healthMs[i] = (System.nanoTime() - t0) / 1e6;
        }
        double healthMedian = median(healthMs);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        double[] directRates = new double[streamRuns];
        double[] apiRates = new double[streamRuns];
        Sampling longAnswer = new Sampling(0.7, 0.95, streamTokens);
        RoundRatios streaming = new RoundRatios("streaming tok/s, API / direct");
        for (int i = 0; i < streamRuns; i++) {
          if (RoundRatios.firstSideFirst(i)) {
            directRates[i] = directStream(engine, prompt, longAnswer);
            apiRates[i] = apiStream(http, completions, streamTokens);
          } else {
            apiRates[i] = apiStream(http, completions, streamTokens);
            directRates[i] = directStream(engine, prompt, longAnswer);
          }
          streaming.add(apiRates[i] / directRates[i]);
        }
        double directRate = median(directRates);
        double apiRate = median(apiRates);

        System.out.println();
        System.out.printf(Locale.ROOT, "Local API overhead (%s, %d threads, in-JVM server, real HTTP over loopback)%n",
            model.getFileName(), threads);
        System.out.printf(Locale.ROOT, "  per request, max_tokens=1, median of %d alternating requests each:%n", requests);
        System.out.printf(Locale.ROOT, "    direct engine.generate: %8.2f ms%n", directMedian);
        System.out.printf(Locale.ROOT, "    POST /v1/chat/completions, JDK HttpClient: %5.2f ms (added %.2f ms)%n", apiMedian,
            apiMedian - directMedian);
        System.out.printf(Locale.ROOT, "    POST /v1/chat/completions, keep-alive HTTP/1.1 socket client: %5.2f ms (added %.2f ms)%n",
            leanMedian, leanMedian - directMedian);
        System.out.printf(Locale.ROOT, "    added by the API: %.2f ms per request (lean client; target <= 2 ms)%n",
            leanMedian - directMedian);
        System.out.printf(Locale.ROOT, "    for reference, one empty loopback HTTP exchange (GET /health): %.2f ms;"
            + " system load average %.1f on %d cores%n", healthMedian, load, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  streaming %d tokens, median of %d runs each:%n", streamTokens, streamRuns);
        System.out.printf(Locale.ROOT, "    direct: %.1f tokens/s; through the API (SSE): %.1f tokens/s%n", directRate, apiRate);
        System.out.printf(Locale.ROOT, "    ratio of the medians API/direct: %.3f%n", apiRate / directRate);
        System.out.printf(Locale.ROOT, "    %s (target: median >= 0.97)%n", streaming.summary());
        System.out.println();
      }
    }
  }

  private static double direct(LocalEngine engine, List<ChatMessage> prompt, Sampling sampling) {
    long start = System.nanoTime();
    Completion c = engine.generate(new ChatRequest(prompt, sampling), t -> {}).result().join();
    if (c.error() != null) {
      throw new IllegalStateException(c.error());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Tokens per second from the first streamed text to the end, as a direct caller sees them. */
  private static double directStream(LocalEngine engine, List<ChatMessage> prompt, Sampling sampling) {
    return StreamedRun.measure(engine, new ChatRequest(prompt, sampling)).tokensPerSecond();
  }

  private static String requestBody(int maxTokens, boolean stream) {
    return "{\"model\":\"tars\",\"messages\":[{\"role\":\"system\",\"content\":\"You are brief.\"},"
        + "{\"role\":\"user\",\"content\":\"Say something.\"}],\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  private static HttpRequest request(URI uri, int maxTokens, boolean stream) {
    String body = requestBody(maxTokens, stream);
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static double api(HttpClient http, URI uri, int maxTokens, boolean stream) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request(uri, maxTokens, stream), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Tokens per second from the first streamed text to [DONE], as an HTTP client sees them. */
  private static double apiStream(HttpClient http, URI uri, int maxTokens) throws Exception {
    HttpResponse<InputStream> response = http.send(request(uri, maxTokens, true),
        HttpResponse.BodyHandlers.ofInputStream());
    long first = 0;
    long end = 0;
    int tokens = -1;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        String data = line.substring(6);
        if (data.equals("[DONE]")) {
          end = System.nanoTime();
          break;
        }
        JsonNode chunk = JSON.readTree(data);
        if (first == 0 && !chunk.path("choices").path(0).path("delta").path("content").asText("").isEmpty()) {
          first = System.nanoTime();
        }
        if (chunk.hasNonNull("usage")) {
          tokens = chunk.get("usage").path("completion_tokens").asInt();
        }
      }
    }
    return (tokens - 1) / ((end - first) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A minimal HTTP/1.1 client on one keep-alive connection, as curl or a script's HTTP library behaves: it shows
   * the server's cost without the JDK HttpClient's own thread hand-offs (about 1.5 ms per request here).
   */
  private static final class LeanHttpClient implements AutoCloseable {
    private final java.net.Socket socket;
    private final java.io.BufferedInputStream in;
    private final java.io.OutputStream out;

    LeanHttpClient(int port) throws java.io.IOException {
      socket = new java.net.Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      in = new java.io.BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    String post(String path, String json) throws java.io.IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      out.write(request);
      out.flush();
      String status = line();
      if (!status.contains(" 200 ")) {
        throw new IllegalStateException("unexpected " + status);
      }
      int length = -1;
      boolean chunked = false;
      for (String h; !(h = line()).isEmpty(); ) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      StringBuilder text = new StringBuilder();
      if (chunked) {
        for (int size; (size = Integer.parseInt(line().trim(), 16)) > 0; ) {
          text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
          line();
        }
        line();
      } else {
        text.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      }
      return text.toString();
    }

    private String line() throws java.io.IOException {
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new java.io.EOFException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
    }
  }
}
