package dev.tars.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.PromptTooLongException;
import dev.tars.chat.StatelessChat;
import dev.tars.concurrent.NamedThreads;
import dev.tars.embedding.Embedder;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes and answers the local API's requests. Every route but {@code /health} needs the bearer key. Chat
 * completions run asynchronously: the Jetty thread returns once the answer has started, text is written to the
 * client from the engine's thread as it streams, and a failed write (the client went away) cancels the
 * generation so the engine is free for the next request. Nothing a client sends can take the server down:
 * every failure ends as an OpenAI-style error body or, mid-stream, an error event.
 */
final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The model id that always means "whatever model Tars is serving". */
  static final String ALIAS = "tars";
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

  private final ApiServer.Options options;
  private final ApiServer.Services services;
  private final byte[] expectedAuthorization;
  private final Semaphore permits;
  private final ApiMetrics metrics = new ApiMetrics();
  private final Set<Generation> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService historyWriter = Executors.newSingleThreadExecutor(NamedThreads.named("api-history"));
  private final long createdAt = System.currentTimeMillis() / 1000;

  ApiHandler(ApiServer.Options options, ApiServer.Services services) {
    this.options = options;
    this.services = services;
    this.expectedAuthorization = ("Bearer " + options.apiKey()).getBytes(StandardCharsets.UTF_8);
    this.permits = new Semaphore(options.maxParallel());
  }

  /** One request's facts for the audit log and the metrics, recorded exactly once when it ends. */
  private final class Exchange {
    final String id = UUID.randomUUID().toString();
    final long start = System.nanoTime();
    final String method;
    final String path;
    final String endpoint;
    final String remote;
    final AtomicBoolean recorded = new AtomicBoolean();
    volatile String model = "";
    volatile boolean stream;
    volatile int promptTokens = -1;
    volatile int completionTokens = -1;

    Exchange(Request request) {
      this.method = request.getMethod();
      this.path = Request.getPathInContext(request);
      this.endpoint = endpointOf(path);
      this.remote = Request.getRemoteAddr(request);
    }

    void done(int status, String outcome) {
      if (!recorded.compareAndSet(false, true)) {
        return;
      }
      long nanos = System.nanoTime() - start;
      metrics.requests.labelValues(endpoint, Integer.toString(status)).inc();
      metrics.duration.labelValues(endpoint).observe(nanos / 1e9);
      services.audit().record(new AuditLog.Entry(Instant.now(), id, remote, method, path, status, model, stream,
          promptTokens, completionTokens, outcome, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }
  }

  private static String endpointOf(String path) {
    return switch (path) {
      case "/health", "/metrics", "/v1/models", "/v1/chat/completions", "/v1/embeddings" -> path;
      default -> path.startsWith("/v1/models/") ? "/v1/models/{id}" : "other";
    };
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request);
    try {
      route(exchange, request, response, callback);
    } catch (ApiError e) {
      sendError(exchange, response, callback, e);
    } catch (IOException e) {
      LOG.debug("Client connection lost on {} {}", exchange.method, exchange.path, e);
      exchange.done(499, "client_disconnected");
      callback.failed(e);
    } catch (RuntimeException | Error e) {
      LOG.error("Request {} {} failed", exchange.method, exchange.path, e);
      sendError(exchange, response, callback, new ApiError(500, "server_error", "internal_error", null,
          "Tars failed to answer this request (details are in its log). Try again; if it keeps failing,"
              + " report the problem."));
    }
    return true;
  }

  private void route(Exchange exchange, Request request, Response response, Callback callback)
      throws ApiError, IOException {
    String method = exchange.method;
    String path = exchange.path;
    if (path.equals("/health")) {
      requireMethod(method, "GET");
      sendJson(exchange, response, callback, 200, JSON.createObjectNode().put("status", "ok"));
      return;
    }
    authorize(request);
    switch (path) {
      case "/metrics" -> {
        requireMethod(method, "GET");
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        exchange.done(200, "ok");
        response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
      }
      case "/v1/models" -> {
        requireMethod(method, "GET");
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        data.add(modelJson(servedModel()));
        if (services.embedder() != null) {
          data.addObject().put("id", services.embedder().modelName()).put("object", "model")
              .put("created", createdAt).put("owned_by", "tars").put("dimension", services.embedder().dimension());
        }
        sendJson(exchange, response, callback, 200, list);
      }
      case "/v1/chat/completions" -> {
        requireMethod(method, "POST");
        chatCompletions(exchange, request, response, callback);
      }
      case "/v1/embeddings" -> {
        requireMethod(method, "POST");
        embeddings(exchange, request, response, callback);
      }
      default -> {
        if (path.startsWith("/v1/models/")) {
          requireMethod(method, "GET");
          String id = path.substring("/v1/models/".length());
          ModelInfo model = servedModel();
          if (!id.equals(model.id()) && !id.equals(ALIAS)) {
            throw unknownModel(id, model.id());
          }
          sendJson(exchange, response, callback, 200, modelJson(model));
          return;
        }
        throw ApiError.notFound(method, path);
      }
    }
  }

  private ObjectNode modelJson(ModelInfo model) {
    return JSON.createObjectNode().put("id", model.id()).put("object", "model").put("created", createdAt)
        .put("owned_by", "tars").put("context_length", model.contextLength());
  }

  private void authorize(Request request) throws ApiError {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] given = header == null ? new byte[0] : header.strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expectedAuthorization)) {
      throw ApiError.unauthorized();
    }
  }

  private static void requireMethod(String actual, String expected) throws ApiError {
    if (!expected.equals(actual)) {
      throw ApiError.methodNotAllowed(actual, expected);
    }
  }

  private JsonNode readJson(Request request) throws ApiError, IOException {
    long limit = options.maxBodyBytes();
    if (request.getLength() > limit) {
      throw ApiError.tooLarge(limit);
    }
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
    if (bytes.length > limit) {
      throw ApiError.tooLarge(limit);
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "invalid_request_error", "invalid_json", null, "The request body is not valid JSON ("
          + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ").");
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, "invalid_request_error", "invalid_json", null, "The request body must be a JSON object.");
    }
    return node;
  }

  private ModelInfo servedModel() throws ApiError {
    try {
      return services.chat().model();
    } catch (EngineException e) {
      throw ApiError.engineUnavailable(e.getMessage());
    }
  }

  private static ApiError unknownModel(String asked, String served) {
    return new ApiError(404, "invalid_request_error", "model_not_found", "model", "The model '" + asked
        + "' does not exist here. Tars serves '" + served + "' (or use '" + ALIAS + "'); GET /v1/models lists it.");
  }

  // ---- chat completions ----

  private void chatCompletions(Exchange exchange, Request request, Response response, Callback callback)
      throws ApiError, IOException {
    ChatCall call = ChatCall.parse(readJson(request), options.defaults());
    exchange.stream = call.stream();
    if (!permits.tryAcquire()) {
      throw ApiError.busy(options.maxParallel());
    }
    boolean handedOff = false;
    metrics.inFlight.inc();
    try {
      ModelInfo model = servedModel();
      if (call.model() != null && !call.model().equals(model.id()) && !call.model().equals(ALIAS)) {
        throw unknownModel(call.model(), model.id());
      }
      exchange.model = model.id();
      List<KnowledgeSource.Passage> passages = passages(call);
      List<ChatMessage> prompt = passages.isEmpty() ? call.messages() : withSources(call.messages(), passages);
      ChatStream stream = new ChatStream(exchange, call, model.id(), passages, response, callback);
      StatelessChat.Answer answer;
      try {
        answer = services.chat().answer(prompt, call.sampling(), call.stop(), stream::delta);
      } catch (PromptTooLongException e) {
        throw new ApiError(400, "invalid_request_error", "context_length_exceeded", "messages", e.getMessage());
      } catch (EngineException e) {
        throw ApiError.engineUnavailable(e.getMessage());
      }
      handedOff = true;
      stream.started(answer);
      request.addFailureListener(failure -> stream.clientGone(failure));
    } finally {
      if (!handedOff) {
        metrics.inFlight.dec();
        permits.release();
      }
    }
  }

  private List<KnowledgeSource.Passage> passages(ChatCall call) throws ApiError {
    if (call.collections() == null) {
      return List.of();
    }
    if (services.knowledge() == null) {
      throw new ApiError(501, "invalid_request_error", "knowledge_unavailable", "tars.knowledge",
          "Answering from documents is not available on this server: no knowledge index is connected to the"
              + " local API yet. Leave out 'tars.knowledge' to ask the model alone.");
    }
    try {
      return services.knowledge().retrieve(call.question(), call.collections(), call.knowledgeTokens());
    } catch (RuntimeException e) {
      LOG.warn("Knowledge retrieval failed", e);
      throw new ApiError(503, "server_error", "knowledge_unavailable", "tars.knowledge",
          "Searching your documents failed: " + e.getMessage());
    }
  }

  /** The retrieved passages go into the system prompt, which context trimming always keeps. */
  private static List<ChatMessage> withSources(List<ChatMessage> messages, List<KnowledgeSource.Passage> passages) {
    StringBuilder sources = new StringBuilder("Answer from the numbered sources below when they are relevant and"
        + " cite them like [1]. If they do not hold the answer, say so.\n");
    for (int i = 0; i < passages.size(); i++) {
      KnowledgeSource.Passage p = passages.get(i);
      sources.append("\n[").append(i + 1).append("] ").append(p.path());
      if (p.page() > 0) {
        sources.append(", page ").append(p.page());
      }
      sources.append("\n").append(p.text().strip()).append("\n");
    }
    List<ChatMessage> out = new ArrayList<>(messages);
    if (!out.isEmpty() && out.get(0).role() == Role.SYSTEM) {
      out.set(0, ChatMessage.system(out.get(0).content() + "\n\n" + sources));
    } else {
      out.add(0, ChatMessage.system(sources.toString()));
    }
    return out;
  }

  /**
   * The response of one chat completion: SSE chunks as text arrives, or one JSON body at the end. Writes are
   * blocking and serialized; the first failed write means the client went away and the generation is cancelled.
   */
  private final class ChatStream {
    private final Exchange exchange;
    private final ChatCall call;
    private final String modelId;
    private final List<KnowledgeSource.Passage> passages;
    private final Response response;
    private final Callback callback;
    private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    private final long created = System.currentTimeMillis() / 1000;
    private boolean headerSent;
    /** Pieces of text received; stands in for the token count when the engine was cut off before reporting it. */
    private int deltas;
    private volatile boolean gone;
    private volatile Generation generation;
    private StatelessChat.Answer answer;

    ChatStream(Exchange exchange, ChatCall call, String modelId, List<KnowledgeSource.Passage> passages,
        Response response, Callback callback) {
      this.exchange = exchange;
      this.call = call;
      this.modelId = modelId;
      this.passages = passages;
      this.response = response;
      this.callback = callback;
    }

    void started(StatelessChat.Answer started) {
      this.answer = started;
      this.generation = started.generation();
      running.add(generation);
      if (call.stream()) {
        synchronized (this) {
          sendHeader();
        }
      }
      if (gone) {
        generation.cancel();
      }
      generation.result().whenComplete((completion, failure) -> finish(completion));
    }

    /** Text from the engine (its thread). */
    synchronized void delta(String text) {
      deltas++;
      if (!call.stream() || gone) {
        return;
      }
      sendHeader();
      ObjectNode chunk = chunk();
      chunk.withArray("choices").addObject().put("index", 0).putNull("logprobs").putNull("finish_reason")
          .putObject("delta").put("content", text);
      send(chunk);
    }

    void clientGone(Throwable why) {
      if (!gone) {
        gone = true;
        LOG.info("Client of {} went away mid-answer ({}); stopping the generation", exchange.id, why.toString());
      }
      Generation g = generation;
      if (g != null) {
        g.cancel();
      }
    }

    private void sendHeader() {
      if (headerSent || gone) {
        return;
      }
      headerSent = true;
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
      response.getHeaders().put("X-Accel-Buffering", "no");
      ObjectNode first = chunk();
      first.withArray("choices").addObject().put("index", 0).putNull("logprobs").putNull("finish_reason")
          .putObject("delta").put("role", "assistant").put("content", "");
      send(first);
    }

    private void send(ObjectNode event) {
      write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8), false);
    }

    private void write(byte[] bytes, boolean last) {
      if (gone) {
        return;
      }
      try {
        Content.Sink.write(response, last, ByteBuffer.wrap(bytes));
      } catch (IOException | RuntimeException e) {
        clientGone(e);
      }
    }

    private ObjectNode chunk() {
      return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
          .put("model", modelId);
    }

    private void finish(Completion completion) {
      running.remove(generation);
      metrics.inFlight.dec();
      permits.release();
      try {
        int promptTokens = completion.promptTokens() >= 0 ? completion.promptTokens() : answer.trim().promptTokens();
        exchange.promptTokens = promptTokens;
        int completionTokens;
        synchronized (this) {
          completionTokens = completion.completionTokens() >= 0 ? completion.completionTokens() : deltas;
        }
        exchange.completionTokens = completionTokens;
        if (promptTokens > 0) {
          metrics.promptTokens.inc(promptTokens);
        }
        if (completionTokens > 0) {
          metrics.completionTokens.inc(completionTokens);
        }
        keepInHistory(completion);
        if (gone) {
          metrics.disconnects.inc();
          exchange.done(499, "client_disconnected");
          callback.failed(new IOException("client went away"));
          return;
        }
        if (completion.finishReason() == FinishReason.ERROR || completion.finishReason() == FinishReason.CANCELLED) {
          String message = completion.error() != null ? completion.error().getMessage()
              : "The answer was stopped because the server is shutting down.";
          failed(new ApiError(502, "server_error", "engine_error", null, message));
          return;
        }
        String finish = completion.finishReason() == FinishReason.LENGTH ? "length" : "stop";
        if (call.stream()) {
          synchronized (this) {
            sendHeader();
            ObjectNode last = chunk();
            last.withArray("choices").addObject().put("index", 0).putNull("logprobs").put("finish_reason", finish)
                .putObject("delta");
            last.set("tars", extension());
            send(last);
            if (call.includeUsage()) {
              ObjectNode usage = chunk();
              usage.putArray("choices");
              usage.set("usage", usage(promptTokens, completionTokens));
              send(usage);
            }
            write(DONE, true);
          }
          if (gone) {
            exchange.done(499, "client_disconnected");
            callback.failed(new IOException("client went away"));
          } else {
            exchange.done(200, finish);
            callback.succeeded();
          }
        } else {
          ObjectNode body = JSON.createObjectNode().put("id", id).put("object", "chat.completion")
              .put("created", created).put("model", modelId);
          ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
          choice.putObject("message").put("role", "assistant").put("content", completion.text()).putNull("refusal");
          choice.putNull("logprobs").put("finish_reason", finish);
          body.set("usage", usage(promptTokens, completionTokens));
          body.set("tars", extension());
          exchange.done(200, finish);
          response.setStatus(200);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
          response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
        }
      } catch (RuntimeException e) {
        LOG.error("Finishing chat completion {} failed", exchange.id, e);
        exchange.done(500, "internal_error");
        callback.failed(e);
      }
    }

    /** The engine failed part-way: an error event in the stream, or an error response. */
    private void failed(ApiError error) {
      LOG.warn("Chat completion {} failed: {}", exchange.id, error.getMessage());
      synchronized (this) {
        if (headerSent) {
          send(errorBody(error));
          write(DONE, true);
          exchange.done(200, error.code);
          if (gone) {
            callback.failed(new IOException("client went away"));
          } else {
            callback.succeeded();
          }
          return;
        }
      }
      sendError(exchange, response, callback, error);
    }

    private ObjectNode extension() {
      ObjectNode tars = JSON.createObjectNode();
      tars.put("dropped_messages", answer.trim().droppedMessages());
      ArrayNode citations = tars.putArray("citations");
      for (int i = 0; i < passages.size(); i++) {
        KnowledgeSource.Passage p = passages.get(i);
        citations.addObject().put("index", i + 1).put("document_id", p.documentId())
            .put("collection_id", p.collectionId()).put("path", p.path()).put("page", p.page())
            .put("score", p.score()).put("text", p.text());
      }
      return tars;
    }

    private void keepInHistory(Completion completion) {
      if (!options.recordHistory() || services.history() == null
          || completion.text().isEmpty() && completion.finishReason() == FinishReason.ERROR) {
        return;
      }
      MessageStatus status = gone ? MessageStatus.STOPPED : switch (completion.finishReason()) {
        case STOP, LENGTH -> MessageStatus.COMPLETE;
        case CANCELLED -> MessageStatus.STOPPED;
        case ERROR -> MessageStatus.INTERRUPTED;
      };
      List<ChatMessage> turns = new ArrayList<>(call.messages());
      turns.add(ChatMessage.assistant(completion.text()));
      String title = "API: " + shorten(call.question());
      try {
        historyWriter.execute(() -> {
          try {
            services.history().recordExchange(title, call.sampling(), turns, status);
          } catch (RuntimeException e) {
            LOG.warn("Could not keep API request {} in the history", exchange.id, e);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("Server closing; API request {} not kept in the history", exchange.id);
      }
    }
  }

  private static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 50 ? oneLine : oneLine.substring(0, 50) + "…";
  }

  private static ObjectNode usage(int promptTokens, int completionTokens) {
    int prompt = Math.max(0, promptTokens);
    int completion = Math.max(0, completionTokens);
    return JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  // ---- embeddings ----

  private void embeddings(Exchange exchange, Request request, Response response, Callback callback)
      throws ApiError, IOException {
    JsonNode body = readJson(request);
    Embedder embedder = services.embedder();
    if (embedder == null) {
      throw new ApiError(501, "invalid_request_error", "embeddings_unavailable", null,
          "This Tars serves no embedding model, so /v1/embeddings is not available. Start it with the knowledge"
              + " features enabled (they bring the embedding model).");
    }
    String model = body.hasNonNull("model") ? body.get("model").asText() : null;
    if (model != null && !model.equals(embedder.modelName()) && !model.equals(ALIAS)) {
      throw new ApiError(404, "invalid_request_error", "model_not_found", "model", "The embedding model '" + model
          + "' does not exist here. Tars embeds with '" + embedder.modelName() + "' (or use '" + ALIAS + "').");
    }
    exchange.model = embedder.modelName();
    List<String> texts = embeddingInputs(body.get("input"));
    String format = body.hasNonNull("encoding_format") ? body.get("encoding_format").asText() : "float";
    if (!format.equals("float") && !format.equals("base64")) {
      throw ApiError.invalid("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
    }
    if (body.hasNonNull("dimensions") && body.get("dimensions").asInt() != embedder.dimension()) {
      throw ApiError.invalid("dimensions", "This embedding model makes " + embedder.dimension()
          + "-dimensional vectors only; leave out 'dimensions' or set it to " + embedder.dimension() + ".");
    }
    if (!permits.tryAcquire()) {
      throw ApiError.busy(options.maxParallel());
    }
    List<float[]> vectors;
    metrics.inFlight.inc();
    try {
      vectors = embedder.embedPassages(texts);
    } finally {
      metrics.inFlight.dec();
      permits.release();
    }
    ObjectNode result = JSON.createObjectNode().put("object", "list");
    ArrayNode data = result.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (format.equals("base64")) {
        ByteBuffer bytes = ByteBuffer.allocate(vectors.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vectors.get(i));
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vectors.get(i)) {
          values.add(v);
        }
      }
    }
    int tokens = texts.stream().mapToInt(t -> Math.max(1, t.length() / 4)).sum();
    exchange.promptTokens = tokens;
    result.put("model", embedder.modelName());
    result.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    sendJson(exchange, response, callback, 200, result);
  }

  private static List<String> embeddingInputs(JsonNode input) throws ApiError {
    List<String> texts = new ArrayList<>();
    if (input != null && input.isTextual()) {
      texts.add(input.asText());
    } else if (input != null && input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw ApiError.invalid("input", "'input' must be a string or an array of strings (token arrays are not"
              + " supported; send the text).");
        }
        texts.add(item.asText());
      }
    } else {
      throw ApiError.invalid("input", "'input' must be a non-empty string or array of strings.");
    }
    if (texts.size() > 2048) {
      throw ApiError.invalid("input", "At most 2048 inputs per request, got " + texts.size() + ".");
    }
    return texts;
  }

  // ---- responses ----

  private void sendJson(Exchange exchange, Response response, Callback callback, int status, JsonNode body) {
    exchange.done(status, status == 200 ? "ok" : "error");
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static ObjectNode errorBody(ApiError e) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error").put("message", e.getMessage()).put("type", e.type);
    if (e.param == null) {
      error.putNull("param");
    } else {
      error.put("param", e.param);
    }
    error.put("code", e.code);
    return body;
  }

  private void sendError(Exchange exchange, Response response, Callback callback, ApiError e) {
    if (e.status >= 500) {
      LOG.warn("{} {} -> {} {}", exchange.method, exchange.path, e.status, e.getMessage());
    } else {
      LOG.debug("{} {} -> {} {}", exchange.method, exchange.path, e.status, e.getMessage());
    }
    if (response.isCommitted()) {
      exchange.done(e.status, e.code);
      callback.failed(new IOException(e.getMessage()));
      return;
    }
    exchange.done(e.status, e.code);
    response.setStatus(e.status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    if (e.status == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tars\"");
    } else if (e.status == 429) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    }
    response.write(true, ByteBuffer.wrap(errorBody(e).toString().getBytes(StandardCharsets.UTF_8)), callback);
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
