package dev.tars.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.llama.LlamaBackend.BusyException;
import dev.tars.llama.LlamaBackend.Cancellation;
import dev.tars.llama.LlamaBackend.Message;
import dev.tars.llama.LlamaBackend.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API of the engine, plus llama.cpp-server's {@code /tokenize} and {@code /apply-template}.
 * Every route but {@code /health} needs {@code Authorization: Bearer <token>}.
 */
final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY_BYTES = 64L << 20;

  private final LlamaBackend backend;
  private final byte[] token;
  private final long queueTimeoutMillis;
  private final long created = System.currentTimeMillis() / 1000;

  ApiHandler(LlamaBackend backend, String token, long queueTimeoutMillis) {
    this.backend = backend;
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.queueTimeoutMillis = queueTimeoutMillis;
  }

  /** A request the client got wrong: 4xx with an OpenAI-style error body. */
  private static final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    ApiError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    try {
      if (path.equals("/health")) {
        requireMethod(method, "GET");
        ObjectNode body = JSON.createObjectNode().put("status", "ok");
        sendJson(response, callback, 200, body);
        return true;
      }
      authorize(request);
      switch (path) {
        case "/v1/models", "/models" -> {
          requireMethod(method, "GET");
          sendJson(response, callback, 200, models());
        }
        case "/v1/chat/completions", "/chat/completions" -> {
          requireMethod(method, "POST");
          chatCompletions(request, response, callback, readJson(request));
        }
        case "/tokenize" -> {
          requireMethod(method, "POST");
          sendJson(response, callback, 200, tokenize(readJson(request)));
        }
        case "/detokenize" -> {
          requireMethod(method, "POST");
          sendJson(response, callback, 200, detokenize(readJson(request)));
        }
        case "/apply-template" -> {
          requireMethod(method, "POST");
          JsonNode body = readJson(request);
          sendJson(response, callback, 200, JSON.createObjectNode().put("prompt", backend.applyTemplate(messages(body))));
        }
        default -> throw new ApiError(404, "not_found_error", "no such endpoint: " + method + " " + path);
      }
    } catch (ApiError e) {
      sendError(response, callback, e.status, e.type, e.getMessage());
    } catch (IllegalArgumentException e) {
      sendError(response, callback, 400, "invalid_request_error", e.getMessage());
    } catch (BusyException e) {
      sendError(response, callback, 503, "server_busy", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendError(response, callback, 503, "server_error", "the engine is shutting down");
    } catch (IOException e) {
      LOG.debug("Client connection lost on {} {}", method, path, e);
      callback.failed(e);
    } catch (RuntimeException e) {
      LOG.error("Request {} {} failed", method, path, e);
      sendError(response, callback, 500, "server_error", "the engine failed: " + e.getMessage());
    }
    return true;
  }

  private void authorize(Request request) throws ApiError {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiError(401, "authentication_error", "missing or wrong bearer token");
    }
  }

  private static void requireMethod(String actual, String expected) throws ApiError {
    if (!expected.equals(actual)) {
      throw new ApiError(405, "invalid_request_error", "use " + expected + " here, not " + actual);
    }
  }

  private static JsonNode readJson(Request request) throws ApiError, IOException {
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes((int) MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ApiError(413, "invalid_request_error", "the request body is larger than 64 MiB");
      }
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ApiError(400, "invalid_request_error", "the request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiError(400, "invalid_request_error", "the request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private ObjectNode models() {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    ObjectNode model = list.putArray("data").addObject()
        .put("id", backend.modelId())
        .put("object", "model")
        .put("created", created)
        .put("owned_by", "tars")
        .put("context_length", backend.contextLength());
    model.putObject("meta").put("n_ctx", backend.contextLength());
    return list;
  }

  private static List<Message> messages(JsonNode body) throws ApiError {
    JsonNode array = body.get("messages");
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "'messages' must be a non-empty array");
    }
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : array) {
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual()) {
        throw new ApiError(400, "invalid_request_error", "every message needs a 'role'");
      }
      if (!List.of("system", "user", "assistant").contains(role.asText())) {
        throw new ApiError(400, "invalid_request_error", "unsupported message role '" + role.asText() + "'");
      }
      messages.add(new Message(role.asText(), contentText(content)));
    }
    return messages;
  }

  /** Content is a string or an array of {type: text, text} parts. */
  private static String contentText(JsonNode content) throws ApiError {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (!"text".equals(part.path("type").asText())) {
          throw new ApiError(400, "invalid_request_error", "only text content is supported");
        }
        text.append(part.path("text").asText());
      }
      return text.toString();
    }
    throw new ApiError(400, "invalid_request_error", "message content must be a string");
  }

  /**
   * A llama.cpp grammar from OpenAI's {@code response_format} ({@code json_schema} or {@code json_object}) or
   * llama.cpp-server's {@code grammar} field; null for free text.
   */
  private static String grammar(JsonNode body) throws ApiError {
    if (body.path("grammar").isTextual()) {
      return body.get("grammar").asText();
    }
    JsonNode format = body.get("response_format");
    if (format == null || format.isNull()) {
      return null;
    }
    String type = format.path("type").asText("text");
    JsonNode schema = switch (type) {
      case "text" -> null;
      case "json_object" -> JSON.createObjectNode().put("type", "object");
      case "json_schema" -> format.path("json_schema").get("schema");
      default -> throw new ApiError(400, "invalid_request_error", "unsupported response_format type '" + type + "'");
    };
    if (type.equals("json_schema") && (schema == null || !schema.isObject())) {
      throw new ApiError(400, "invalid_request_error", "response_format.json_schema.schema must be an object");
    }
    if (schema == null) {
      return null;
    }
    try {
      return de.kherud.llama.LlamaModel.jsonSchemaToGrammar(schema.toString());
    } catch (RuntimeException e) {
      throw new ApiError(400, "invalid_request_error", "the JSON schema could not be turned into a grammar: "
          + e.getMessage());
    }
  }

  private ObjectNode tokenize(JsonNode body) throws ApiError {
    JsonNode content = body.get("content");
    if (content == null || !content.isTextual()) {
      throw new ApiError(400, "invalid_request_error", "'content' must be a string");
    }
    ObjectNode result = JSON.createObjectNode();
    ArrayNode tokens = result.putArray("tokens");
    for (int t : backend.tokenize(content.asText())) {
      tokens.add(t);
    }
    return result;
  }

  private ObjectNode detokenize(JsonNode body) throws ApiError {
    JsonNode tokens = body.get("tokens");
    if (tokens == null || !tokens.isArray()) {
      throw new ApiError(400, "invalid_request_error", "'tokens' must be an array");
    }
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens.get(i).asInt();
    }
    return JSON.createObjectNode().put("content", backend.detokenize(ids));
  }

  private void chatCompletions(Request request, Response response, Callback callback, JsonNode body)
      throws ApiError, BusyException, InterruptedException, IOException {
    List<Message> messages = messages(body);
    int maxTokens = intParam(body, "max_completion_tokens", intParam(body, "max_tokens", -1));
    if (body.has("n") && body.get("n").asInt(1) != 1) {
      throw new ApiError(400, "invalid_request_error", "only n=1 is supported");
    }
    double temperature = body.path("temperature").asDouble(0.8);
    double topP = body.path("top_p").asDouble(0.95);
    if (temperature < 0 || temperature > 2) {
      throw new ApiError(400, "invalid_request_error", "temperature must be within 0..2");
    }
    if (topP <= 0 || topP > 1) {
      throw new ApiError(400, "invalid_request_error", "top_p must be within (0, 1]");
    }
    List<String> stop = new ArrayList<>();
    JsonNode stopNode = body.get("stop");
    if (stopNode != null && stopNode.isTextual()) {
      stop.add(stopNode.asText());
    } else if (stopNode != null && stopNode.isArray()) {
      stopNode.forEach(s -> stop.add(s.asText()));
    }
    Integer seed = body.hasNonNull("seed") ? body.get("seed").asInt() : null;
    boolean stream = body.path("stream").asBoolean(false);
    String prompt = backend.applyTemplate(messages);
    LlamaBackend.Request generation = new LlamaBackend.Request(prompt, maxTokens, (float) temperature,
        (float) topP, stop, seed, body.path("cache_prompt").asBoolean(true), grammar(body));
    String id = "chatcmpl-" + UUID.randomUUID();
    long createdAt = System.currentTimeMillis() / 1000;
    Cancellation cancellation = new Cancellation();
    request.addFailureListener(failure -> cancellation.cancel());

    if (!stream) {
      Outcome outcome = backend.generate(generation, text -> true, queueTimeoutMillis, cancellation);
      ObjectNode result = envelope(id, createdAt, "chat.completion");
      ObjectNode choice = result.putArray("choices").addObject().put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", outcome.text());
      choice.put("finish_reason", outcome.finishReason());
      addUsage(result, outcome);
      sendJson(response, callback, 200, result);
      return;
    }

    // Headers go out only once the slot is ours, so a busy engine can still answer 503.
    SseWriter sse = new SseWriter(response, id, createdAt);
    Outcome outcome = backend.generate(generation, sse::delta, queueTimeoutMillis, cancellation);
    if (sse.failed != null) {
      LOG.info("Client went away mid-stream; generation stopped after {} tokens", outcome.completionTokens());
      callback.failed(sse.failed);
      return;
    }
    sse.finish(outcome);
    callback.succeeded();
  }

  private final class SseWriter {
    private final Response response;
    private final String id;
    private final long createdAt;
    private boolean started;
    IOException failed;

    SseWriter(Response response, String id, long createdAt) {
      this.response = response;
      this.id = id;
      this.createdAt = createdAt;
    }

    private void start() throws IOException {
      if (!started) {
        started = true;
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        ObjectNode first = chunk();
        first.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
            .putObject("delta").put("role", "assistant").put("content", "");
        send(first);
      }
    }

    boolean delta(String text) {
      try {
        start();
        ObjectNode chunk = chunk();
        chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
            .putObject("delta").put("content", text);
        send(chunk);
        return true;
      } catch (IOException e) {
        failed = e;
        return false;
      }
    }

    void finish(Outcome outcome) throws IOException {
      start();
      ObjectNode last = chunk();
      last.withArray("choices").addObject().put("index", 0).put("finish_reason", outcome.finishReason())
          .putObject("delta");
      addUsage(last, outcome);
      send(last);
      Content.Sink.write(response, true, ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
    }

    private ObjectNode chunk() {
      return envelope(id, createdAt, "chat.completion.chunk");
    }

    private void send(ObjectNode event) throws IOException {
      byte[] bytes = ("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8);
      Content.Sink.write(response, false, ByteBuffer.wrap(bytes));
    }
  }

  private ObjectNode envelope(String id, long createdAt, String object) {
    return JSON.createObjectNode().put("id", id).put("object", object).put("created", createdAt)
        .put("model", backend.modelId());
  }

  private static void addUsage(ObjectNode result, Outcome outcome) {
    result.putObject("usage")
        .put("prompt_tokens", outcome.promptTokens())
        .put("completion_tokens", outcome.completionTokens())
        .put("total_tokens", outcome.promptTokens() + outcome.completionTokens());
    double promptMs = outcome.promptNanos() / 1e6;
    double predictedMs = outcome.generationNanos() / 1e6;
    // Tokens after the first are the ones timed between outputs.
    int predicted = Math.max(0, outcome.completionTokens() - 1);
    result.putObject("timings")
        .put("prompt_n", outcome.promptTokens())
        .put("prompt_ms", promptMs)
        .put("predicted_n", predicted)
        .put("predicted_ms", predictedMs)
        .put("predicted_per_second", predictedMs > 0 ? predicted * 1000 / predictedMs : 0);
  }

  private static int intParam(JsonNode body, String name, int fallback) throws ApiError {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToInt() || node.asInt() < 1) {
      throw new ApiError(400, "invalid_request_error", "'" + name + "' must be a positive integer");
    }
    return node.asInt();
  }

  private static void sendJson(Response response, Callback callback, int status, JsonNode body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static void sendError(Response response, Callback callback, int status, String type, String message) {
    if (response.isCommitted()) {
      callback.failed(new IOException(message));
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).put("code", status);
    sendJson(response, callback, status, body);
  }
}
