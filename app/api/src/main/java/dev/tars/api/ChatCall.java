package dev.tars.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code POST /v1/chat/completions} body: the OpenAI fields Tars honours plus the {@code tars}
 * extension object. Fields it cannot honour (tools, several choices) are refused rather than ignored.
 *
 * @param model requested model id, null when not given
 * @param collections knowledge collections to answer from, null when knowledge was not asked for
 * @param knowledgeTokens how much retrieved text may go into the prompt
 */
record ChatCall(String model, List<ChatMessage> messages, Sampling sampling, List<String> stop, boolean stream,
    boolean includeUsage, List<Long> collections, int knowledgeTokens) {

  static final int DEFAULT_KNOWLEDGE_TOKENS = 1500;
  private static final int MAX_STOP = 4;

  static ChatCall parse(JsonNode body, Sampling defaults) throws ApiError {
    String model = optionalText(body, "model");
    List<ChatMessage> messages = messages(body.get("messages"));
    double temperature = number(body, "temperature", defaults.temperature());
    if (temperature < 0 || temperature > 2) {
      throw ApiError.invalid("temperature", "'temperature' must be between 0 and 2, was " + temperature + ".");
    }
    double topP = number(body, "top_p", defaults.topP());
    if (topP <= 0 || topP > 1) {
      throw ApiError.invalid("top_p", "'top_p' must be greater than 0 and at most 1, was " + topP + ".");
    }
    int maxTokens = positiveInt(body, "max_completion_tokens", positiveInt(body, "max_tokens", defaults.maxTokens()));
    if (body.hasNonNull("n") && body.get("n").asInt(-1) != 1) {
      throw ApiError.invalid("n", "Tars gives one answer per request: leave 'n' out or set it to 1.");
    }
    if (body.hasNonNull("tools") && !body.get("tools").isEmpty()
        || body.hasNonNull("functions") && !body.get("functions").isEmpty()) {
      throw ApiError.invalid("tools", "Tool and function calling is not supported by the Tars local API.");
    }
    boolean stream = bool(body, "stream");
    JsonNode streamOptions = body.path("stream_options");
    boolean includeUsage = streamOptions.isObject() && streamOptions.path("include_usage").asBoolean(false);

    List<Long> collections = null;
    int knowledgeTokens = DEFAULT_KNOWLEDGE_TOKENS;
    JsonNode tars = body.get("tars");
    if (tars != null && !tars.isNull()) {
      if (!tars.isObject()) {
        throw ApiError.invalid("tars", "'tars' must be an object (see docs/api/openapi.yaml).");
      }
      JsonNode knowledge = tars.get("knowledge");
      if (knowledge != null && !knowledge.isNull()) {
        if (!knowledge.isObject()) {
          throw ApiError.invalid("tars.knowledge", "'tars.knowledge' must be an object such as {\"collections\": [1]}.");
        }
        collections = new ArrayList<>();
        JsonNode ids = knowledge.get("collections");
        if (ids != null && !ids.isNull()) {
          if (!ids.isArray()) {
            throw ApiError.invalid("tars.knowledge.collections", "'tars.knowledge.collections' must be an array of"
                + " collection ids (empty for all).");
          }
          for (JsonNode id : ids) {
            if (!id.canConvertToLong() || !id.isIntegralNumber()) {
              throw ApiError.invalid("tars.knowledge.collections", "Collection ids are whole numbers, not " + id + ".");
            }
            collections.add(id.asLong());
          }
        }
        knowledgeTokens = positiveInt(knowledge, "token_budget", DEFAULT_KNOWLEDGE_TOKENS);
      }
    }
    Sampling sampling;
    try {
      sampling = new Sampling(temperature, topP, maxTokens);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(null, e.getMessage());
    }
    return new ChatCall(model, messages, sampling, stop(body.get("stop")), stream, includeUsage, collections,
        knowledgeTokens);
  }

  /** The newest user message: what knowledge is searched for. */
  String question() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).content();
      }
    }
    return messages.get(messages.size() - 1).content();
  }

  private static List<ChatMessage> messages(JsonNode array) throws ApiError {
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw ApiError.invalid("messages", "'messages' must be a non-empty array of {role, content} objects.");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode m = array.get(i);
      String param = "messages[" + i + "]";
      if (!m.isObject()) {
        throw ApiError.invalid(param, param + " must be an object with 'role' and 'content'.");
      }
      String role = m.path("role").asText("");
      Role parsed = switch (role) {
        case "system", "developer" -> Role.SYSTEM;
        case "user" -> Role.USER;
        case "assistant" -> Role.ASSISTANT;
        default -> throw ApiError.invalid(param + ".role", "Unsupported role '" + role + "' in " + param
            + "; use system, developer, user or assistant.");
      };
      messages.add(new ChatMessage(parsed, content(m.get("content"), param + ".content")));
    }
    return messages;
  }

  /** A string, or an array of {@code {type: "text", text}} parts. */
  private static String content(JsonNode content, String param) throws ApiError {
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
          throw ApiError.invalid(param, "Only text content parts are supported (" + param + " has "
              + part.path("type").asText("an unknown part") + ").");
        }
        text.append(part.get("text").asText());
      }
      return text.toString();
    }
    throw ApiError.invalid(param, param + " must be a string or an array of text parts.");
  }

  private static List<String> stop(JsonNode node) throws ApiError {
    List<String> stop = new ArrayList<>();
    if (node == null || node.isNull()) {
      return stop;
    }
    if (node.isTextual()) {
      stop.add(node.asText());
    } else if (node.isArray()) {
      for (JsonNode s : node) {
        if (!s.isTextual()) {
          throw ApiError.invalid("stop", "'stop' must be a string or an array of strings.");
        }
        stop.add(s.asText());
      }
    } else {
      throw ApiError.invalid("stop", "'stop' must be a string or an array of strings.");
    }
    if (stop.size() > MAX_STOP) {
      throw ApiError.invalid("stop", "At most " + MAX_STOP + " stop strings, got " + stop.size() + ".");
    }
    stop.removeIf(String::isEmpty);
    return stop;
  }

  private static String optionalText(JsonNode body, String name) throws ApiError {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.invalid(name, "'" + name + "' must be a string.");
    }
    return node.asText();
  }

  private static double number(JsonNode body, String name, double fallback) throws ApiError {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber()) {
      throw ApiError.invalid(name, "'" + name + "' must be a number.");
    }
    return node.asDouble();
  }

  private static int positiveInt(JsonNode body, String name, int fallback) throws ApiError {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw ApiError.invalid(name, "'" + name + "' must be a whole number of at least 1.");
    }
    return node.asInt();
  }

  private static boolean bool(JsonNode body, String name) throws ApiError {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw ApiError.invalid(name, "'" + name + "' must be true or false.");
    }
    return node.asBoolean();
  }
}
