package dev.tars.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON codec of the OpenAI chat protocol, shared by the engine client, the local API server and the
 * engine child: reading and checking requests (servers), writing them (client), writing and reading responses,
 * stream chunks, model lists and errors. Stateless and thread-safe.
 *
 * <p>Reading untrusted JSON is bounded: at most {@value #MAX_DEPTH} levels of nesting and
 * {@value #MAX_NUMBER_LENGTH}-digit numbers; anything unreadable is a 400 {@link OpenAiException}, never a
 * runtime exception.
 */
public final class OpenAiCodec {
  public static final int MAX_DEPTH = 256;
  public static final int MAX_NUMBER_LENGTH = 100;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH).build())
      .build());

  private OpenAiCodec() {}

  /** A fresh object node, for extension objects a side builds itself. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  // ---- reading untrusted bodies ----

  /** A request body that must be one JSON object. */
  public static ObjectNode readObject(byte[] bytes) throws OpenAiException {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw OpenAiException.invalidJson(describe(e));
    } catch (IOException | RuntimeException e) {
      // Bytes that are not UTF-8 end here (CharConversionException), as would any other parser complaint.
      throw OpenAiException.invalidJson(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
          + cut(e.getMessage())));
    }
    if (node == null || !node.isObject()) {
      throw new OpenAiException(400, "invalid_request_error", "invalid_json", null,
          "The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  /** The parser's complaint and, when it knows it, where (limits such as nesting depth have no location). */
  private static String describe(JsonProcessingException e) {
    String what = e.getOriginalMessage() == null ? "unreadable" : cut(e.getOriginalMessage());
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0 ? what : what + " at line " + at.getLineNr() + ", column "
        + at.getColumnNr();
  }

  static String cut(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  /** Checks a chat completion request; the message of a refusal names the field and what it may be. */
  public static ChatCompletionRequest chatRequest(JsonNode body) throws OpenAiException {
    return ChatRequestReader.chatRequest(body);
  }

  /** {@code messages}: a non-empty array of {@code {role, content}} objects. */
  public static List<Message> messages(JsonNode array) throws OpenAiException {
    return ChatRequestReader.messages(array);
  }

  /** A whole number of at least 1, null when absent. */
  public static Integer positiveInt(JsonNode body, String name) throws OpenAiException {
    return ChatRequestReader.positiveInt(body, name);
  }

  // ---- writing ----

  /** The request as a client sends it. */
  public static String json(ChatCompletionRequest r) {
    ObjectNode body = JSON.createObjectNode();
    if (r.model() != null) {
      body.put("model", r.model());
    }
    body.set("messages", messagesJson(r.messages()));
    body.put("stream", r.stream());
    if (r.temperature() != null) {
      body.put("temperature", r.temperature());
    }
    if (r.topP() != null) {
      body.put("top_p", r.topP());
    }
    if (r.maxTokens() != null) {
      body.put("max_tokens", r.maxTokens());
    }
    if (!r.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      r.stop().forEach(stop::add);
    }
    if (r.seed() != null) {
      body.put("seed", r.seed());
    }
    if (r.responseFormat() != null) {
      body.set("response_format", r.responseFormat());
    }
    if (r.includeUsage()) {
      body.putObject("stream_options").put("include_usage", true);
    }
    r.extensions().forEach(body::set);
    return body.toString();
  }

  /** {@code {"messages": [...]}}: the body of llama.cpp server's {@code /apply-template}. */
  public static String messagesBody(List<Message> messages) {
    ObjectNode body = JSON.createObjectNode();
    body.set("messages", messagesJson(messages));
    return body.toString();
  }

  private static ArrayNode messagesJson(List<Message> messages) {
    ArrayNode array = JSON.createArrayNode();
    for (Message m : messages) {
      array.addObject().put("role", m.role()).put("content", m.content());
    }
    return array;
  }

  public static String json(ChatCompletion c) {
    ObjectNode body = header("chat.completion", c.id(), c.created(), c.model());
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", c.content())
        .putNull("refusal");
    if (!c.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (ToolCall call : c.toolCalls()) {
        calls.add(toolCallJson(call));
      }
    }
    choice.putNull("logprobs").put("finish_reason", c.finishReason());
    body.set("usage", usageJson(c.usage()));
    return withExtensions(body, c.timings(), c.tars());
  }

  /** The chunk's JSON (what follows {@code data: }). */
  public static String json(ChatCompletionChunk c) {
    ObjectNode body = header("chat.completion.chunk", c.id(), c.created(), c.model());
    ArrayNode choices = body.putArray("choices");
    if (c.hasChoice()) {
      ObjectNode choice = choices.addObject().put("index", 0).putNull("logprobs");
      if (c.finishReason() == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", c.finishReason());
      }
      ObjectNode delta = choice.putObject("delta");
      if (c.role() != null) {
        delta.put("role", c.role());
      }
      if (c.content() != null) {
        delta.put("content", c.content());
      }
      if (!c.toolCalls().isEmpty()) {
        ArrayNode calls = delta.putArray("tool_calls");
        for (int i = 0; i < c.toolCalls().size(); i++) {
          calls.add(toolCallJson(c.toolCalls().get(i)).put("index", i));
        }
      }
    }
    if (c.usage() != null) {
      body.set("usage", usageJson(c.usage()));
    }
    return withExtensions(body, c.timings(), c.tars());
  }

  /** The fields every completion object starts with; {@code object} names its kind. */
  private static ObjectNode header(String object, String id, long created, String model) {
    return JSON.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
  }

  /** {@code body} as text, with the fields beyond OpenAI's (llama.cpp's timings, Tars's own) when present. */
  private static String withExtensions(ObjectNode body, JsonNode timings, JsonNode tars) {
    if (timings != null) {
      body.set("timings", timings);
    }
    if (tars != null) {
      body.set("tars", tars);
    }
    return body.toString();
  }

  private static ObjectNode toolCallJson(ToolCall call) {
    ObjectNode node = JSON.createObjectNode().put("id", call.id()).put("type", "function");
    node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
    return node;
  }

  private static ObjectNode usageJson(Usage usage) {
    return JSON.createObjectNode().put("prompt_tokens", usage.promptTokens())
        .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
  }

  public static String json(ErrorBody error) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode e = body.putObject("error").put("message", error.message()).put("type", error.type());
    if (error.param() == null) {
      e.putNull("param");
    } else {
      e.put("param", error.param());
    }
    if (error.code() == null) {
      e.putNull("code");
    } else {
      e.put("code", error.code());
    }
    return body.toString();
  }

  public static String modelsJson(List<Model> models) {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    models.forEach(m -> data.add(modelNode(m)));
    return list.toString();
  }

  public static String json(Model model) {
    return modelNode(model).toString();
  }

  private static ObjectNode modelNode(Model m) {
    ObjectNode node = JSON.createObjectNode().put("id", m.id()).put("object", "model").put("created", m.created())
        .put("owned_by", m.ownedBy());
    if (m.contextLength() > 0) {
      node.put("context_length", m.contextLength());
      // llama.cpp server's own field, which some clients read instead.
      node.putObject("meta").put("n_ctx", m.contextLength());
    }
    if (m.dimension() != null) {
      node.put("dimension", m.dimension());
    }
    return node;
  }

  // ---- reading a server's answers (client side) ----

  /** The models a server lists; context length from {@code context_length} or llama.cpp's {@code meta.n_ctx}. */
  public static List<Model> models(String json) throws IOException {
    List<Model> models = new ArrayList<>();
    for (JsonNode m : JSON.readTree(json).path("data")) {
      int context = m.path("context_length").asInt(m.path("meta").path("n_ctx").asInt(-1));
      models.add(new Model(m.path("id").asText(), m.path("created").asLong(0), m.path("owned_by").asText(""),
          context, m.has("dimension") ? m.get("dimension").asInt() : null));
    }
    return models;
  }

  /**
   * One event's data of a streamed completion.
   *
   * @throws OpenAiException when the server sent an error event ({@code {"error": ...}}) instead of a chunk
   * @throws IOException when the data is not JSON
   */
  public static ChatCompletionChunk chunk(String data) throws IOException, OpenAiException {
    return ChunkReader.read(JSON, data);
  }

  /** A readable message from an error response: its {@code error.message}, else the start of the body. */
  public static String errorMessage(String body) {
    try {
      String message = JSON.readTree(body).path("error").path("message").asText("");
      if (!message.isEmpty()) {
        return message;
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: show the start of the text instead
    }
    String trimmed = body.strip().replaceAll("\\s+", " ");
    return trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed;
  }

  /** Parses a JSON document a trusted peer sent (e.g. {@code /tokenize}'s answer). */
  public static JsonNode tree(String json) throws IOException {
    return JSON.readTree(json);
  }
}
