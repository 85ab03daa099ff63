package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a chat completion request for {@link OpenAiCodec#chatRequest}: the same rules for the local API
 * and the engine child, with refusals that name the field at fault.
 */
final class ChatRequestReader {
  /** OpenAI's limit on stop strings. */
  static final int MAX_STOP = 4;
  /** Non-OpenAI request fields that are kept (see {@link ChatCompletionRequest#extensions}). */
  static final Set<String> EXTENSIONS = Set.of("tars", "cache_prompt", "grammar");

  private ChatRequestReader() {}

  static ChatCompletionRequest chatRequest(JsonNode body) throws OpenAiException {
    String model = optionalText(body, "model");
    List<Message> messages = messages(body.get("messages"));
    Double temperature = number(body, "temperature");
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw OpenAiException.invalid("temperature", "'temperature' must be between 0 and 2, was " + temperature + ".");
    }
    Double topP = number(body, "top_p");
    if (topP != null && !(topP > 0 && topP <= 1)) {
      throw OpenAiException.invalid("top_p", "'top_p' must be greater than 0 and at most 1, was " + topP + ".");
    }
    Integer maxTokens = positiveInt(body, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = positiveInt(body, "max_tokens");
    }
    JsonNode n = body.get("n");
    if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.canConvertToInt() && n.asInt() == 1)) {
      throw OpenAiException.invalid("n", "Tars gives one answer per request: leave 'n' out or set it to 1.");
    }
    if (nonEmpty(body.get("functions"))) {
      throw OpenAiException.invalid("functions", "The old 'functions' field is not supported; send 'tools' with"
          + " {\"type\": \"function\", \"function\": {...}} entries instead.");
    }
    ToolRequest tools = ToolRequestReader.tools(body);
    boolean stream = bool(body, "stream");
    JsonNode streamOptions = body.path("stream_options");
    boolean includeUsage = streamOptions.isObject() && streamOptions.path("include_usage").asBoolean(false);
    JsonNode seedNode = body.get("seed");
    Long seed = null;
    if (seedNode != null && !seedNode.isNull()) {
      if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
        throw OpenAiException.invalid("seed", "'seed' must be a whole number.");
      }
      seed = seedNode.asLong();
    }
    JsonNode format = body.get("response_format");
    if (format != null && !format.isNull() && !format.isObject()) {
      throw OpenAiException.invalid("response_format", "'response_format' must be an object such as"
          + " {\"type\": \"json_object\"}.");
    }
    Map<String, JsonNode> extensions = new HashMap<>();
    for (String name : EXTENSIONS) {
      JsonNode value = body.get(name);
      if (value != null && !value.isNull()) {
        extensions.put(name, value);
      }
    }
    return new ChatCompletionRequest(model, messages, temperature, topP, maxTokens, stop(body.get("stop")), stream,
        includeUsage, seed, format == null || format.isNull() ? null : format, extensions, tools);
  }

  private static boolean nonEmpty(JsonNode node) {
    return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty());
  }

  static List<Message> messages(JsonNode array) throws OpenAiException {
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw OpenAiException.invalid("messages", "'messages' must be a non-empty array of {role, content} objects.");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      String param = "messages[" + i + "]";
      if (!m.isObject()) {
        throw OpenAiException.invalid(param, param + " must be an object with 'role' and 'content'.");
      }
      JsonNode roleNode = m.get("role");
      String role = roleNode != null && roleNode.isTextual() ? roleNode.asText() : "";
      if (!Message.ROLES.contains(role)) {
        throw OpenAiException.invalid(param + ".role", "Unsupported role '" + OpenAiCodec.cut(role) + "' in " + param
            + "; use system, developer, user, assistant or tool.");
      }
      String content = content(m.get("content"), param + ".content");
      List<ToolCall> calls = ToolRequestReader.calls(m.get("tool_calls"), param + ".tool_calls");
      String callId = null;
      if (role.equals("tool")) {
        JsonNode id = m.get("tool_call_id");
        if (id == null || !id.isTextual()) {
          throw OpenAiException.invalid(param + ".tool_call_id", param + " is a tool result: it needs the"
              + " 'tool_call_id' of the call it answers.");
        }
        callId = id.asText();
      }
      messages.add(new Message(role, content, calls, callId));
    }
    return messages;
  }

  /** A string, or an array of {@code {type: "text", text}} parts. */
  private static String content(JsonNode content, String param) throws OpenAiException {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
          throw OpenAiException.invalid(param, "Only text content parts are supported (" + param + " has "
              + OpenAiCodec.cut(part.path("type").asText("an unknown part")) + ").");
        }
        text.append(part.get("text").asText());
      }
      return text.toString();
    }
    throw OpenAiException.invalid(param, param + " must be a string or an array of text parts.");
  }

  private static List<String> stop(JsonNode node) throws OpenAiException {
    List<String> stop = new ArrayList<>();
    if (node == null || node.isNull()) {
      return stop;
    }
    if (node.isTextual()) {
      stop.add(node.asText());
    } else if (node.isArray()) {
      for (JsonNode s : node) {
        if (!s.isTextual()) {
          throw OpenAiException.invalid("stop", "'stop' must be a string or an array of strings.");
        }
        stop.add(s.asText());
      }
    } else {
      throw OpenAiException.invalid("stop", "'stop' must be a string or an array of strings.");
    }
    if (stop.size() > MAX_STOP) {
      throw OpenAiException.invalid("stop", "At most " + MAX_STOP + " stop strings, got " + stop.size() + ".");
    }
    stop.removeIf(String::isEmpty);
    return stop;
  }

  static String optionalText(JsonNode body, String name) throws OpenAiException {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw OpenAiException.invalid(name, "'" + name + "' must be a string.");
    }
    return node.asText();
  }

  private static Double number(JsonNode body, String name) throws OpenAiException {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw OpenAiException.invalid(name, "'" + name + "' must be a number.");
    }
    return node.asDouble();
  }

  static Integer positiveInt(JsonNode body, String name) throws OpenAiException {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw OpenAiException.invalid(name, "'" + name + "' must be a whole number of at least 1.");
    }
    return node.asInt();
  }

  private static boolean bool(JsonNode body, String name) throws OpenAiException {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw OpenAiException.invalid(name, "'" + name + "' must be true or false.");
    }
    return node.asBoolean();
  }
}
