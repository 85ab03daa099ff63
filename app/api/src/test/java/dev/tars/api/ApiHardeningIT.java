package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile client or web page can try against the local API (issue 15, items 1-5), each against the real
 * server over loopback, answering with the real engine child.
 */
class ApiHardeningIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = LocalApiFixture.KEY;
  @TempDir static Path dir;
  private static LocalApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    api = new LocalApiFixture(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static ApiServer.Options options() {
    return ApiServer.Options.defaults(KEY).withPort(0);
  }

  // ---- 1. the audit log stays bounded ----

  @Test
  void aFloodOfUnauthorisedRequestsCostsOneShortLineAndASummary() throws Exception {
    LocalApiFixture.Served s = api.serve(options(), null, null, null);
    String longPath = "/v1/" + "x".repeat(4000);
    for (int i = 0; i < 200; i++) {
      api.get(s, i % 2 == 0 ? longPath : "/v1/models", "wrong-key");
    }
    s.server().close();
    s.audit().close();

    List<JsonNode> lines = lines(s.audit().file());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("status").asInt()).isEqualTo(401);
    assertThat(lines.get(0).path("path").asText().length()).isLessThanOrEqualTo(AuditLog.MAX_PATH + 1);
    assertThat(lines.get(1).path("repeated").asInt()).isEqualTo(199);
    assertThat(lines.get(1).path("remote").asText()).isEqualTo("127.0.0.1");
    assertThat(Files.size(s.audit().file())).isLessThan(1024);
  }

  @Test
  void theAuditLogRotatesBySizeAndKeepsItsTotalUnderTheCap() throws Exception {
    AuditLog.Limits limits = new AuditLog.Limits(2048, 3, Duration.ofMinutes(1));
    LocalApiFixture.Served s = api.serve(options(), null, null, null, limits);
    for (int i = 0; i < 120; i++) {
      assertThat(api.get(s, "/health", null).statusCode()).isEqualTo(200);
    }

    AuditLog audit = s.audit();
    long total = 0;
    for (Path file : List.of(audit.file(), audit.rotated(1), audit.rotated(2))) {
      assertThat(file).exists();
      assertThat(Files.size(file)).isLessThanOrEqualTo(limits.maxFileBytes());
      total += Files.size(file);
    }
    assertThat(audit.rotated(3)).doesNotExist();
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(audit.rotated(1))))
        .as("owner-only, like the rest of the data home").isEqualTo("rw-------");
    assertThat(total).isLessThanOrEqualTo(limits.totalBytes());
    assertThat(lines(audit.rotated(1))).allSatisfy(l -> assertThat(l.path("path").asText()).isEqualTo("/health"));
  }

  // ---- 2. slow uploads do not starve the server ----

  @Test
  void clientsTricklingTheirBodiesNeitherStarveOthersNorStayForever() throws Exception {
    LocalApiFixture.Served s = api.serve(options().withUploads(4, Duration.ofMillis(1500)), null, null, null);
    List<Socket> tricklers = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        Socket socket = new Socket("127.0.0.1", s.server().port());
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
            + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"messages\":")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        tricklers.add(socket);
      }

      long start = System.nanoTime();
      HttpResponse<String> health = api.http.send(HttpRequest.newBuilder(s.uri("/health"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> models = api.http.send(HttpRequest.newBuilder(s.uri("/v1/models"))
          .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);

      List<Integer> statuses = new ArrayList<>();
      for (Socket socket : tricklers) {
        statuses.add(RawHttp.status(RawHttp.readAll(socket.getInputStream())));
      }
      assertThat(statuses).as("beyond the cap of 4 uploads: 429 at once; the 4: 408 after the idle timeout")
          .containsOnly(429, 408);
      assertThat(statuses.stream().filter(c -> c == 408).count()).isEqualTo(4);
    } finally {
      for (Socket socket : tricklers) {
        socket.close();
      }
    }
  }

  // ---- 3. hostile JSON is the client's mistake ----

  @Test
  void hostileJsonGets400WithoutAStackTraceInTheLog() throws Exception {
    LocalApiFixture.Served s = api.serve(options(), null, null, null);
    List<byte[]> bodies = List.of(
        "[".repeat(5000).getBytes(StandardCharsets.US_ASCII),
        ("{\"messages\":" + "[".repeat(2000) + "]".repeat(2000) + "}").getBytes(StandardCharsets.US_ASCII),
        ("{\"temperature\":" + "9".repeat(200_000) + "}").getBytes(StandardCharsets.US_ASCII),
        ("{\"max_tokens\":1" + "0".repeat(2000) + ".5e99999999}").getBytes(StandardCharsets.US_ASCII),
        new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
        "{\"messages\":[{\"role\":\"user\",\"content\":\"\\ud800\"}],\"stop\":{}}".getBytes(StandardCharsets.UTF_8));
    try (LogCapture log = new LogCapture()) {
      for (byte[] body : bodies) {
        HttpResponse<String> response = api.http.send(HttpRequest.newBuilder(s.uri("/v1/chat/completions"))
            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        String start = new String(body, 0, Math.min(40, body.length), StandardCharsets.ISO_8859_1);
        assertThat(response.statusCode()).as(start).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("\tat ").hasSizeLessThan(600);
      }
      assertThat(log.errorsAndStackTraces()).isEmpty();
    }
  }

  // ---- 4. Host, Origin and Content-Type ----

  @Test
  void aHostOtherThanTheLoopbackAddressIsRefused() throws Exception {
    LocalApiFixture.Served s = api.serve(options(), null, null, null);
    int port = s.server().port();
    for (String host : List.of("attacker.example:" + port, "attacker.example", "127.0.0.1:" + (port + 1),
        "192.168.1.20:" + port)) {
      String response = RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: " + host, new byte[0]);
      assertThat(RawHttp.status(response)).as(host).isEqualTo(421);
      assertThat(JSON.readTree(RawHttp.body(response)).path("error").path("code").asText())
          .isEqualTo("misdirected_request");
    }
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "127.0.0.1")) {
      String response = RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: " + host, new byte[0]);
      assertThat(RawHttp.status(response)).as(host).isEqualTo(200);
    }
  }

  @Test
  void anyOriginIsRefusedUnlessAllowedInSettings() throws Exception {
    LocalApiFixture.Served closed = api.serve(options(), null, null, null);
    HttpResponse<String> fromPage = api.http.send(HttpRequest.newBuilder(closed.uri("/health"))
        .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fromPage.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(fromPage.body()).path("error").path("code").asText()).isEqualTo("origin_not_allowed");

    LocalApiFixture.Served open = api.serve(options().withAllowedOrigins(List.of("http://localhost:3000")),
        null, null, null);
    HttpResponse<String> allowed = api.http.send(HttpRequest.newBuilder(open.uri("/v1/models"))
        .header("Origin", "http://localhost:3000").header("Authorization", "Bearer " + KEY).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
    HttpResponse<String> preflight = api.http.send(HttpRequest.newBuilder(open.uri("/v1/chat/completions"))
        .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
    HttpResponse<String> other = api.http.send(HttpRequest.newBuilder(open.uri("/health"))
        .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(403);
  }

  @Test
  void aPostThatIsNotJsonGets415() throws Exception {
    LocalApiFixture.Served s = api.serve(options(), null, null, null);
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "")) {
      HttpRequest.Builder request = HttpRequest.newBuilder(s.uri("/v1/chat/completions"))
          .header("Authorization", "Bearer " + KEY)
          .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
      if (!type.isEmpty()) {
        request.header("Content-Type", type);
      }
      HttpResponse<String> response = api.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(type).isEqualTo(415);
      assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
          .isEqualTo("unsupported_media_type");
    }
  }

  // ---- 5. the port never moves silently ----

  @Test
  void aTakenPortFailsNamingThePortAndWhatHoldsIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> api.serve(options().withPort(port), null, null, null))
          .isInstanceOfSatisfying(ApiServer.PortTakenException.class, e -> {
            assertThat(e.port()).isEqualTo(port);
            assertThat(e.getMessage()).contains("Port " + port);
            assertThat(e.holderPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(e.holderName()).isEqualTo("java");
            assertThat(e.getMessage()).contains("java (process " + e.holderPid() + ")");
          });
    }
  }

  @Test
  void portZeroIsPickedByTarsAndSaysSo() throws Exception {
    LocalApiFixture.Served s = api.serve(options(), null, null, null);
    assertThat(s.server().portChosenByTars()).isTrue();
    assertThat(s.server().port()).isPositive();
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }
}
