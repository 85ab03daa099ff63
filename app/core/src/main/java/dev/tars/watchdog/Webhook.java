package dev.tars.watchdog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends problems as JSON ({@code POST}) to a URL the person chose, e.g. a chat or alerting service. A failed
 * delivery is retried with doubling delays on the watchdog's scheduler (no thread sleeps); at most
 * {@code maxPerWindow} problems go out per {@code window}, the rest are dropped and logged, so a flapping
 * check cannot flood anyone.
 */
public final class Webhook implements ProblemListener {
  private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final ScheduledExecutorService scheduler;
  private final HttpClient client;
  private final Settings settings;
  private final Clock clock;
  private final Deque<Instant> sent = new ArrayDeque<>();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();

  /** Delivery behaviour; {@link #DEFAULT}: 4 attempts from 2 s apart, 10 problems per 10 minutes. */
  public record Settings(int maxAttempts, Duration firstRetryDelay, int maxPerWindow, Duration window, Duration timeout) {
    public static final Settings DEFAULT = new Settings(4, Duration.ofSeconds(2), 10, Duration.ofMinutes(10),
        Duration.ofSeconds(10));
  }

  /**
   * @param httpExecutor named threads for the HTTP client (its default pool has unnamed threads)
   */
  public Webhook(URI url, ScheduledExecutorService scheduler, ExecutorService httpExecutor, Settings settings, Clock clock) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("The webhook address must start with http:// or https://, not " + url);
    }
    this.url = url;
    this.scheduler = scheduler;
    this.settings = settings;
    this.clock = clock;
    this.client = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(settings.timeout()).build();
  }

  /** Queues a delivery; returns at once. Problems over the rate limit are dropped. */
  @Override
  public void onProblem(Problem problem) {
    if (!admit()) {
      int n = dropped.incrementAndGet();
      LOG.warn("Webhook rate limit reached; not sending \"{}\" ({} dropped so far)", problem.message(), n);
      return;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload(problem));
    } catch (IOException e) {
      LOG.error("Webhook payload could not be written", e);
      return;
    }
    scheduler.execute(() -> attempt(body, 1));
  }

  public int delivered() {
    return delivered.get();
  }

  public int dropped() {
    return dropped.get();
  }

  private synchronized boolean admit() {
    Instant now = clock.instant();
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(settings.window()))) {
      sent.pollFirst();
    }
    if (sent.size() >= settings.maxPerWindow()) {
      return false;
    }
    sent.addLast(now);
    return true;
  }

  private void attempt(byte[] body, int attempt) {
    String failure;
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
          .header("Content-Type", "application/json").header("User-Agent", "Tars-watchdog")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        delivered.incrementAndGet();
        return;
      }
      failure = "HTTP " + response.statusCode();
    } catch (IOException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (attempt >= settings.maxAttempts()) {
      LOG.warn("Webhook {} gave up after {} attempts ({})", url.getHost(), attempt, failure);
      return;
    }
    long delay = settings.firstRetryDelay().toMillis() << (attempt - 1);
    LOG.info("Webhook {} failed ({}); retrying in {} ms", url.getHost(), failure, delay);
    try {
      scheduler.schedule(() -> attempt(body, attempt + 1), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.info("Webhook retry dropped: the watchdog is shutting down");
    }
  }

  private static Map<String, Object> payload(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("app", "tars");
    m.put("check", p.check());
    m.put("severity", p.severity().name());
    m.put("resolved", p.resolved());
    m.put("message", p.message());
    m.put("at", p.at().toString());
    return m;
  }
}
