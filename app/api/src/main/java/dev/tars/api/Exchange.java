package dev.tars.api;

import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request being answered: its facts for the audit log and the metrics (recorded exactly once, when it ends)
 * and the ways it can end (a JSON body, an OpenAI-style error).
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

  final String id = UUID.randomUUID().toString();
  final long start = System.nanoTime();
  final String method;
  final String path;
  final String endpoint;
  final String remote;
  final Request request;
  final Response response;
  final Callback callback;
  private final ApiMetrics metrics;
  private final AuditLog audit;
  private final AtomicBoolean recorded = new AtomicBoolean();
  /** The web page origin the response may be read by (allowed in Settings), else null. */
  volatile String allowedOrigin;
  volatile String model = "";
  volatile boolean stream;
  volatile int promptTokens = -1;
  volatile int completionTokens = -1;

  Exchange(Request request, Response response, Callback callback, ApiMetrics metrics, AuditLog audit) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.metrics = metrics;
    this.audit = audit;
    this.method = request.getMethod();
    this.path = Request.getPathInContext(request);
    this.endpoint = endpointOf(path);
    this.remote = Request.getRemoteAddr(request);
  }

  private static String endpointOf(String path) {
    return switch (path) {
      case "/health", "/metrics", "/v1/models", "/v1/chat/completions", "/v1/embeddings", "/mcp" -> path;
      default -> path.startsWith("/v1/models/") ? "/v1/models/{id}" : "other";
    };
  }

  void done(int status, String outcome) {
    if (!recorded.compareAndSet(false, true)) {
      return;
    }
    long nanos = System.nanoTime() - start;
    metrics.requests.labelValues(endpoint, Integer.toString(status)).inc();
    metrics.duration.labelValues(endpoint).observe(nanos / 1e9);
    audit.record(new AuditLog.Entry(Instant.now(), id, remote, method, path, status, model, stream, promptTokens,
        completionTokens, outcome, TimeUnit.NANOSECONDS.toMillis(nanos)));
  }

  /** Headers every response carries: the CORS grant for an allowed web page. */
  void commonHeaders() {
    if (allowedOrigin != null) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
      response.getHeaders().put(HttpHeader.VARY, "Origin");
    }
  }

  void sendJson(int status, JsonNode body) {
    sendJson(status, status == 200 ? "ok" : "error", body.toString());
  }

  /** Records the exchange with {@code outcome}, then sends {@code body}. */
  void sendJson(int status, String outcome, String body) {
    done(status, outcome);
    response.setStatus(status);
    commonHeaders();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** A client's mistake is logged at DEBUG, a server-side failure at WARN; neither with a stack trace. */
  void sendError(OpenAiException e) {
    if (e.status() >= 500) {
      LOG.warn("{} {} -> {} {}", method, AuditLog.cut(path), e.status(), e.getMessage());
    } else {
      LOG.debug("{} {} -> {} {}", method, AuditLog.cut(path), e.status(), e.getMessage());
    }
    done(e.status(), e.code());
    if (response.isCommitted()) {
      callback.failed(new IOException(e.getMessage()));
      return;
    }
    response.setStatus(e.status());
    commonHeaders();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    switch (e.status()) {
      case 401 -> response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tars\"");
      case 429 -> {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        if (e.code().equals("too_many_uploads")) {
          response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
      }
      // The body may still be arriving (or never will): do not keep the connection for another request.
      case 408, 413 -> response.getHeaders().put(HttpHeader.CONNECTION, "close");
      default -> { }
    }
    response.write(true, ByteBuffer.wrap(OpenAiCodec.json(e.body()).getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** The client went away: nothing can be sent. */
  void lost(Throwable why) {
    LOG.debug("Client connection lost on {} {}", method, AuditLog.cut(path), why);
    done(499, "client_disconnected");
    callback.failed(why);
  }
}
