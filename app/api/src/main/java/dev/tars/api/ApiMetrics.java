package dev.tars.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The server's Prometheus metrics, in a registry of its own (two servers in one JVM do not collide). */
final class ApiMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  final Counter requests = Counter.builder().name("tars_api_requests_total")
      .help("Requests answered, by endpoint and HTTP status").labelNames("endpoint", "status").register(registry);
  final Histogram duration = Histogram.builder().name("tars_api_request_duration_seconds")
      .help("Time from request to the end of the response, by endpoint").labelNames("endpoint")
      .classicOnly().classicUpperBounds(0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
      .register(registry);
  final Gauge inFlight = Gauge.builder().name("tars_api_generations_in_flight")
      .help("Chat completions and embeddings being worked on").register(registry);
  final Counter promptTokens = Counter.builder().name("tars_api_prompt_tokens_total")
      .help("Prompt tokens of chat completions").register(registry);
  final Counter completionTokens = Counter.builder().name("tars_api_completion_tokens_total")
      .help("Tokens generated for chat completions").register(registry);
  final Counter disconnects = Counter.builder().name("tars_api_client_disconnects_total")
      .help("Streams whose client went away mid-answer (generation was stopped)").register(registry);

  String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
