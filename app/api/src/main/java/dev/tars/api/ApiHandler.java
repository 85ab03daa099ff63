package dev.tars.api;

import dev.tars.protocol.openai.Model;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and routes the local API's requests. In order: the {@code Host} and {@code Origin} checks
 * ({@link RequestGuard}), then {@code /health} (no key), then the bearer key, then the route. {@code /mcp} goes
 * to the wrapped MCP handler ({@link ApiServer.Services#mcp}), which the server starts and stops with this one. Bodies are read
 * asynchronously ({@link BodyReader}) and then answered by {@link ChatCompletions} or {@link Embeddings}.
 * Nothing a client sends can take the server down: every failure ends as an OpenAI-style error body or,
 * mid-stream, an error event; a client's mistake is never logged above DEBUG.
 */
final class ApiHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  /** A step of answering that may refuse the request. */
  @FunctionalInterface
  private interface Step {
    void run() throws OpenAiException, IOException;
  }

  private final ApiServer.Services services;
  private final RequestGuard guard;
  private final BodyReader bodies;
  private final byte[] expectedAuthorization;
  private final ApiMetrics metrics = new ApiMetrics();
  private final Set<Generation> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService historyWriter = Executors.newSingleThreadExecutor(NamedThreads.named("api-history"));
  private final ChatCompletions chat;
  private final Embeddings embeddings;
  private final long createdAt = System.currentTimeMillis() / 1000;

  ApiHandler(ApiServer.Options options, ApiServer.Services services, RequestGuard guard) {
    this.services = services;
    this.guard = guard;
    this.bodies = new BodyReader(options.maxBodyBytes(), options.maxUploads(), options.bodyIdleTimeout().toMillis(),
        ApiServer.BODY_TOTAL_MILLIS);
    this.expectedAuthorization = RequestGuard.bearer(options.apiKey());
    Semaphore permits = new Semaphore(options.maxParallel());
    this.chat = new ChatCompletions(options, services, permits, metrics, running, historyWriter);
    this.embeddings = new Embeddings(services.embedder(), permits, options.maxParallel(), metrics);
    if (services.mcp() != null) {
      setHandler(services.mcp());
    }
  }

  /**
   * Blocking, as a plain handler is: a wrapper would otherwise take its child's invocation type (non-blocking
   * without {@code /mcp}), and Jetty would run this handler on its selector threads.
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback, metrics, services.audit());
    guarded(exchange, () -> route(exchange));
    return true;
  }

  /** Runs a step; whatever it throws ends the exchange with the matching response. */
  private static void guarded(Exchange exchange, Step step) {
    try {
      step.run();
    } catch (OpenAiException e) {
      exchange.sendError(e);
    } catch (IOException e) {
      exchange.lost(e);
    } catch (RuntimeException | Error e) {
      LOG.error("Request {} {} failed", exchange.method, AuditLog.cut(exchange.path), e);
      exchange.sendError(new OpenAiException(500, "server_error", "internal_error", null,
          "Tars failed to answer this request (details are in its log). Try again; if it keeps failing,"
              + " report the problem."));
    }
  }

  private void route(Exchange exchange) throws OpenAiException {
    guard.checkHost(exchange.request);
    exchange.allowedOrigin = guard.checkOrigin(exchange.request);
    String method = exchange.method;
    String path = exchange.path;
    if (method.equals("OPTIONS") && exchange.allowedOrigin != null) {
      preflight(exchange);
      return;
    }
    if (path.equals("/health")) {
      requireMethod(method, "GET");
      exchange.sendJson(200, OpenAiCodec.object().put("status", "ok"));
      return;
    }
    authorize(exchange.request);
    switch (path) {
      case "/metrics" -> {
        requireMethod(method, "GET");
        exchange.done(200, "ok");
        exchange.response.setStatus(200);
        exchange.commonHeaders();
        exchange.response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        exchange.response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)),
            exchange.callback);
      }
      case "/v1/models" -> {
        requireMethod(method, "GET");
        exchange.sendJson(200, "ok", models());
      }
      case "/v1/chat/completions" -> withBody(exchange, body -> chat.answer(exchange, body));
      case "/v1/embeddings" -> withBody(exchange, body -> embeddings.answer(exchange, body));
      case "/mcp" -> mcp(exchange);
      default -> {
        if (!path.startsWith("/v1/models/")) {
          throw ApiErrors.notFound(method, AuditLog.cut(path));
        }
        requireMethod(method, "GET");
        String id = path.substring("/v1/models/".length());
        ModelInfo model = chat.servedModel();
        if (!id.equals(model.id()) && !id.equals(ChatCompletions.ALIAS)) {
          throw ChatCompletions.unknownModel(AuditLog.cut(id), model.id());
        }
        exchange.sendJson(200, "ok", OpenAiCodec.json(modelOf(model)));
      }
    }
  }

  /** Hands an authorized request to the MCP server's transport; the audit log gets its final status. */
  private void mcp(Exchange exchange) throws OpenAiException {
    Handler endpoint = getHandler();
    if (endpoint == null) {
      throw ApiErrors.notFound(exchange.method, exchange.path);
    }
    exchange.commonHeaders();
    if (exchange.allowedOrigin != null) {
      exchange.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Mcp-Session-Id");
    }
    Callback recorded = Callback.from(() -> {
      exchange.done(exchange.response.getStatus(), "mcp");
      exchange.callback.succeeded();
    }, failure -> {
      exchange.done(500, "mcp failed");
      exchange.callback.failed(failure);
    });
    try {
      if (!endpoint.handle(exchange.request, exchange.response, recorded)) {
        throw ApiErrors.notFound(exchange.method, exchange.path);
      }
    } catch (OpenAiException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("The MCP endpoint failed", e);
    }
  }

  /** What to do with a JSON body once it has arrived. */
  @FunctionalInterface
  private interface BodyStep {
    void run(JsonNode body) throws OpenAiException, IOException;
  }

  private void withBody(Exchange exchange, BodyStep step) throws OpenAiException {
    requireMethod(exchange.method, "POST");
    RequestGuard.checkJsonBody(exchange.request);
    bodies.read(exchange.request, new BodyReader.Outcome() {
      @Override
      public void body(JsonNode body) {
        guarded(exchange, () -> step.run(body));
      }

      @Override
      public void refused(OpenAiException error) {
        exchange.sendError(error);
      }

      @Override
      public void lost(Throwable why) {
        exchange.lost(why);
      }
    });
  }

  /** A browser asking whether a page of an allowed origin may call the API. */
  private static void preflight(Exchange exchange) {
    exchange.done(204, "preflight");
    exchange.response.setStatus(204);
    exchange.commonHeaders();
    exchange.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, DELETE");
    exchange.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
        "Authorization, Content-Type, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID");
    exchange.response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    exchange.response.write(true, null, exchange.callback);
  }

  private String models() throws OpenAiException {
    List<Model> models = new ArrayList<>();
    models.add(modelOf(chat.servedModel()));
    if (services.embedder() != null) {
      models.add(new Model(services.embedder().modelName(), createdAt, "tars", -1, services.embedder().dimension()));
    }
    return OpenAiCodec.modelsJson(models);
  }

  private Model modelOf(ModelInfo model) {
    return new Model(model.id(), createdAt, "tars", model.contextLength(), null);
  }

  private void authorize(Request request) throws OpenAiException {
    RequestGuard.checkBearer(request, expectedAuthorization);
  }

  private static void requireMethod(String actual, String expected) throws OpenAiException {
    if (!expected.equals(actual)) {
      throw ApiErrors.methodNotAllowed(AuditLog.cut(actual), expected);
    }
  }

  /** Stops every answer still streaming (server shutting down). */
  void cancelAll() {
    running.forEach(Generation::cancel);
  }

  void close() {
    historyWriter.shutdown();
    try {
      if (!historyWriter.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.warn("History writes of the local API did not finish within 3 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
