package dev.tars.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.llama.LlamaBackend.BusyException;
import dev.tars.llama.LlamaBackend.Cancellation;
import dev.tars.llama.LlamaBackend.Outcome;
import dev.tars.protocol.openai.ChatCompletion;
import dev.tars.protocol.openai.ChatCompletionChunk;
import dev.tars.protocol.openai.ChatCompletionRequest;
import dev.tars.protocol.openai.ErrorBody;
import dev.tars.protocol.openai.Model;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import dev.tars.protocol.openai.TextChunkEvents;
import dev.tars.protocol.openai.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * The engine child's OpenAI-compatible API (in the shared protocol, {@link OpenAiCodec}), plus llama.cpp-server's
 * {@code /tokenize}, {@code /detokenize} and {@code /apply-template}. Every route but {@code /health} needs
 * {@code Authorization: Bearer <token>}. Only the parent process talks to it, over loopback.
 */
final class EngineApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(EngineApiHandler.class);
  private static final long MAX_BODY_BYTES = 64L << 20;
  private static final double DEFAULT_TEMPERATURE = 0.8;
  private static final double DEFAULT_TOP_P = 0.95;

  private final LlamaBackend backend;
  private final byte[] token;
  private final long queueTimeoutMillis;
  private final long created = System.currentTimeMillis() / 1000;

  EngineApiHandler(LlamaBackend backend, String token, long queueTimeoutMillis) {
    this.backend = backend;
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.queueTimeoutMillis = queueTimeoutMillis;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    try {
      if (path.equals("/health")) {
        requireMethod(method, "GET");
        sendJson(response, callback, 200, OpenAiCodec.object().put("status", "ok").toString());
        return true;
      }
      authorize(request);
      switch (path) {
        case "/v1/models", "/models" -> {
          requireMethod(method, "GET");
          sendJson(response, callback, 200, OpenAiCodec.modelsJson(List.of(
              new Model(backend.modelId(), created, "tars", backend.contextLength(), null))));
        }
        case "/v1/chat/completions", "/chat/completions" -> {
          requireMethod(method, "POST");
          chatCompletions(request, response, callback, OpenAiCodec.chatRequest(readJson(request)));
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
          String prompt = backend.applyTemplate(OpenAiCodec.messages(readJson(request).get("messages")));
          sendJson(response, callback, 200, OpenAiCodec.object().put("prompt", prompt).toString());
        }
        default -> throw new OpenAiException(404, "invalid_request_error", "not_found", null,
            "no such endpoint: " + method + " " + path);
      }
    } catch (OpenAiException e) {
      sendError(response, callback, e.status(), e.body());
    } catch (IllegalArgumentException e) {
      // The backend's own checks, e.g. a prompt longer than the context window.
      sendError(response, callback, 400, new ErrorBody(e.getMessage(), "invalid_request_error", null,
          "invalid_value"));
    } catch (BusyException e) {
      sendError(response, callback, 503, new ErrorBody(e.getMessage(), "server_error", null, "server_busy"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendError(response, callback, 503, new ErrorBody("the engine is shutting down", "server_error", null,
          "shutting_down"));
    } catch (IOException e) {
      LOG.debug("Client connection lost on {} {}", method, path, e);
      callback.failed(e);
    } catch (RuntimeException e) {
      LOG.error("Request {} {} failed", method, path, e);
      sendError(response, callback, 500, new ErrorBody("the engine failed: " + e.getMessage(), "server_error", null,
          "internal_error"));
    }
    return true;
  }

  private void authorize(Request request) throws OpenAiException {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw new OpenAiException(401, "invalid_request_error", "invalid_api_key", null,
          "missing or wrong bearer token");
    }
  }

  private static void requireMethod(String actual, String expected) throws OpenAiException {
    if (!expected.equals(actual)) {
      throw new OpenAiException(405, "invalid_request_error", "method_not_allowed", null,
          "use " + expected + " here, not " + actual);
    }
  }

  /** Only the parent sends bodies (over loopback), so a plain blocking read is enough here. */
  private static JsonNode readJson(Request request) throws OpenAiException, IOException {
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes((int) MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new OpenAiException(413, "invalid_request_error", "request_too_large",
            null, "the request body is larger than 64 MiB");
      }
      return OpenAiCodec.readObject(bytes);
    }
  }

  /**
   * A llama.cpp grammar from OpenAI's {@code response_format} ({@code json_schema} or {@code json_object}) or
   * llama.cpp-server's {@code grammar} field; null for free text.
   */
  private static String grammar(ChatCompletionRequest request) throws OpenAiException {
    JsonNode grammar = request.extension("grammar");
    if (grammar != null && grammar.isTextual()) {
      return grammar.asText();
    }
    JsonNode format = request.responseFormat();
    if (format == null) {
      return null;
    }
    String type = format.path("type").asText("text");
    JsonNode schema = switch (type) {
      case "text" -> null;
      case "json_object" -> OpenAiCodec.object().put("type", "object");
      case "json_schema" -> format.path("json_schema").get("schema");
      default -> throw OpenAiException.invalid("response_format", "unsupported response_format type '" + type + "'");
    };
    if (type.equals("json_schema") && (schema == null || !schema.isObject())) {
      throw OpenAiException.invalid("response_format", "response_format.json_schema.schema must be an object");
    }
    if (schema == null) {
      return null;
    }
    try {
      return de.kherud.llama.LlamaModel.jsonSchemaToGrammar(schema.toString());
    } catch (RuntimeException e) {
      throw OpenAiException.invalid("response_format", "the JSON schema could not be turned into a grammar: "
          + e.getMessage());
    }
  }

  private String tokenize(JsonNode body) throws OpenAiException {
    JsonNode content = body.get("content");
    if (content == null || !content.isTextual()) {
      throw OpenAiException.invalid("content", "'content' must be a string");
    }
    ObjectNode result = OpenAiCodec.object();
    ArrayNode tokens = result.putArray("tokens");
    for (int t : backend.tokenize(content.asText())) {
      tokens.add(t);
    }
    return result.toString();
  }

  private String detokenize(JsonNode body) throws OpenAiException {
    JsonNode tokens = body.get("tokens");
    if (tokens == null || !tokens.isArray()) {
      throw OpenAiException.invalid("tokens", "'tokens' must be an array");
    }
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens.get(i).asInt();
    }
    return OpenAiCodec.object().put("content", backend.detokenize(ids)).toString();
  }

  private void chatCompletions(Request request, Response response, Callback callback, ChatCompletionRequest chat)
      throws OpenAiException, BusyException, InterruptedException, IOException {
    String prompt = backend.applyTemplate(chat.messages());
    JsonNode cachePrompt = chat.extension("cache_prompt");
    LlamaBackend.Request generation = new LlamaBackend.Request(prompt,
        chat.maxTokens() == null ? -1 : chat.maxTokens(),
        (float) (chat.temperature() == null ? DEFAULT_TEMPERATURE : chat.temperature()),
        (float) (chat.topP() == null ? DEFAULT_TOP_P : chat.topP()), chat.stop(),
        chat.seed() == null ? null : (int) (long) chat.seed(), cachePrompt == null || cachePrompt.asBoolean(true),
        grammar(chat));
    String id = "chatcmpl-" + UUID.randomUUID();
    long createdAt = System.currentTimeMillis() / 1000;
    Cancellation cancellation = new Cancellation();
    request.addFailureListener(failure -> cancellation.cancel());

    if (!chat.stream()) {
      Outcome outcome = backend.generate(generation, text -> true, queueTimeoutMillis, cancellation);
      sendJson(response, callback, 200, OpenAiCodec.json(new ChatCompletion(id, createdAt, backend.modelId(),
          outcome.text(), outcome.finishReason(), usage(outcome), null, timings(outcome))));
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
    /** One event per generated token: its fixed parts are encoded once per answer (decision 1430). */
    private final TextChunkEvents textEvents;
    private boolean started;
    IOException failed;

    SseWriter(Response response, String id, long createdAt) {
      this.response = response;
      this.id = id;
      this.createdAt = createdAt;
      this.textEvents = new TextChunkEvents(id, createdAt, backend.modelId());
    }

    private void start() throws IOException {
      if (!started) {
        started = true;
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        send(ChatCompletionChunk.first(id, createdAt, backend.modelId()));
      }
    }

    boolean delta(String text) {
      try {
        start();
        Content.Sink.write(response, false, ByteBuffer.wrap(textEvents.event(text)));
        return true;
      } catch (IOException e) {
        failed = e;
        return false;
      }
    }

    void finish(Outcome outcome) throws IOException {
      start();
      send(ChatCompletionChunk.last(id, createdAt, backend.modelId(), outcome.finishReason())
          .withUsage(usage(outcome), timings(outcome)));
      Content.Sink.write(response, true, ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
    }

    private void send(ChatCompletionChunk chunk) throws IOException {
      byte[] bytes = ("data: " + OpenAiCodec.json(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
      Content.Sink.write(response, false, ByteBuffer.wrap(bytes));
    }
  }

  private static Usage usage(Outcome outcome) {
    return new Usage(outcome.promptTokens(), outcome.completionTokens());
  }

  /** llama.cpp server's {@code timings} object; tokens after the first are the ones timed between outputs. */
  private static ObjectNode timings(Outcome outcome) {
    double promptMs = outcome.promptNanos() / 1e6;
    double predictedMs = outcome.generationNanos() / 1e6;
    int predicted = Math.max(0, outcome.completionTokens() - 1);
    return OpenAiCodec.object()
        .put("prompt_n", outcome.promptTokens())
        .put("prompt_ms", promptMs)
        .put("predicted_n", predicted)
        .put("predicted_ms", predictedMs)
        .put("predicted_per_second", predictedMs > 0 ? predicted * 1000 / predictedMs : 0);
  }

  private static void sendJson(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static void sendError(Response response, Callback callback, int status, ErrorBody error) {
    if (response.isCommitted()) {
      callback.failed(new IOException(error.message()));
      return;
    }
    sendJson(response, callback, status, OpenAiCodec.json(error));
  }
}
