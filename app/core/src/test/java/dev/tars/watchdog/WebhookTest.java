package dev.tars.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tars.concurrent.NamedThreads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP server on the loopback interface. */
class WebhookTest {
  private HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private ScheduledExecutorService scheduler;
  private ExecutorService http;
  private ExecutorService serverThreads;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newFixedThreadPool(2, NamedThreads.named("test-http-server"));
    server.setExecutor(serverThreads);
    server.createContext("/hook", exchange -> {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (failuresLeft.getAndDecrement() > 0) {
        exchange.sendResponseHeaders(503, -1);
      } else {
        received.add(new ObjectMapper().readTree(body));
        exchange.sendResponseHeaders(204, -1);
      }
      exchange.close();
    });
    server.start();
    scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.named("test-watchdog"));
    http = Executors.newFixedThreadPool(1, NamedThreads.named("test-webhook-http"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
    scheduler.shutdownNow();
    http.shutdownNow();
  }

  private Webhook webhook(int maxPerWindow) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    return new Webhook(url, scheduler, http, new Webhook.Settings(3, Duration.ofMillis(50), maxPerWindow,
        Duration.ofMinutes(10), Duration.ofSeconds(5)), Clock.systemUTC());
  }

  private static Problem problem(String message) {
    return new Problem("disk", Health.Severity.WARNING, message, Instant.parse("2026-11-22T10:00:00Z"), false);
  }

  @Test
  void postsTheProblemAsJson() throws Exception {
    Webhook webhook = webhook(10);
    webhook.onProblem(problem("The disk is getting full"));

    awaitRequests(1);
    assertThat(received).hasSize(1);
    JsonNode json = received.get(0);
    assertThat(json.get("app").asText()).isEqualTo("tars");
    assertThat(json.get("check").asText()).isEqualTo("disk");
    assertThat(json.get("severity").asText()).isEqualTo("WARNING");
    assertThat(json.get("message").asText()).isEqualTo("The disk is getting full");
    assertThat(json.get("at").asText()).isEqualTo("2026-11-22T10:00:00Z");
  }

  @Test
  void retriesWithBackOffUntilTheServerAccepts() throws Exception {
    failuresLeft.set(2);
    Webhook webhook = webhook(10);
    webhook.onProblem(problem("retry me"));

    awaitRequests(3);
    assertThat(received).extracting(j -> j.get("message").asText()).containsExactly("retry me");
    assertThat(webhook.delivered()).isEqualTo(1);
  }

  @Test
  void givesUpAfterTheLastAttemptWithoutThrowing() throws Exception {
    failuresLeft.set(100);
    Webhook webhook = webhook(10);
    webhook.onProblem(problem("never accepted"));

    awaitRequests(3);
    Thread.sleep(300);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(webhook.delivered()).isZero();
  }

  @Test
  void dropsProblemsOverTheRateLimit() throws Exception {
    Webhook webhook = webhook(2);
    for (int i = 0; i < 5; i++) {
      webhook.onProblem(problem("flapping " + i));
    }

    awaitRequests(2);
    Thread.sleep(200);
    assertThat(received).hasSize(2);
    assertThat(webhook.dropped()).isEqualTo(3);
  }

  @Test
  void refusesAnAddressThatIsNotHttp() {
    assertThatThrownBy(() -> new Webhook(URI.create("ftp://example.org/x"), scheduler, http, Webhook.Settings.DEFAULT,
        Clock.systemUTC())).hasMessageContaining("must start with http://");
  }

  private void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requests.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(50);
    assertThat(requests.get()).isGreaterThanOrEqualTo(n);
  }
}
