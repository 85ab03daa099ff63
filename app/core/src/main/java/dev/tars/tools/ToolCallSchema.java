package dev.tars.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The one place where tools become the JSON schema that constrains the model's answer (the local engine turns it
 * into a llama.cpp grammar; a remote OpenAI-compatible server receives it as {@code response_format}). The answer
 * is {@code {"tool_calls": [{"name": ..., "arguments": {...}}]}} or, when the model may choose, {@code {"content":
 * "..."}}. Tool schemas are tightened so that even a random model ends its answer: objects take no properties
 * beyond those described, and strings and arrays without a bound get one. A number bounded by whole numbers
 * becomes an integer, the only numbers llama.cpp's grammar keeps within bounds, and a {@code uri} or
 * {@code email} string gets a pattern the grammar can follow (decision 1512).
 */
public final class ToolCallSchema {
  /** Bound given to strings whose schema has none (a random model would otherwise write forever). */
  public static final int STRING_BOUND = 80;
  /** Bound given to arrays whose schema has none. */
  public static final int ARRAY_BOUND = 4;
  /** Most calls in one answer when parallel calls are allowed. */
  public static final int PARALLEL_BOUND = 3;
  /** Bound of a text answer chosen instead of a call. */
  public static final int TEXT_BOUND = 400;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** String formats llama.cpp's schema converter turns into a grammar of their own (bounded already). */
  private static final java.util.Set<String> GRAMMAR_FORMATS = java.util.Set.of("date", "time", "date-time", "uuid");
  /** Formats the converter ignores, each replaced by a pattern whose every match is a valid value. */
  private static final Map<String, String> FORMAT_PATTERNS = Map.of(
      "uri", "^https://[a-z0-9]{1,20}(\\.[a-z0-9]{1,20}){1,3}(/[a-zA-Z0-9._~-]{1,20}){0,4}$",
      "uri-reference", "^https://[a-z0-9]{1,20}(\\.[a-z0-9]{1,20}){1,3}(/[a-zA-Z0-9._~-]{1,20}){0,4}$",
      "email", "^[a-z0-9]{1,20}@[a-z0-9]{1,20}\\.[a-z]{2,6}$");

  private ToolCallSchema() {}

  /**
   * @param tools the tools the model may call (for a named function, only that one)
   * @param mustCall true for {@code required} and a named function; false lets the model answer in text
   * @param parallel whether one answer may hold several calls
   */
  public static ObjectNode of(List<Tool> tools, boolean mustCall, boolean parallel) {
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("no tools to call");
    }
    ArrayNode choices = NODES.arrayNode();
    for (Tool tool : tools) {
      ObjectNode call = closedObject();
      call.putObject("properties").<ObjectNode>set("name", NODES.objectNode().put("const", tool.name()))
          .set("arguments", tightened(tool.parameters()));
      call.putArray("required").add("name").add("arguments");
      choices.add(call);
    }
    ObjectNode calls = closedObject();
    ObjectNode array = calls.putObject("properties").putObject("tool_calls").put("type", "array").put("minItems", 1)
        .put("maxItems", parallel ? PARALLEL_BOUND : 1);
    array.set("items", choices.size() == 1 ? choices.get(0) : NODES.objectNode().set("anyOf", choices));
    calls.putArray("required").add("tool_calls");
    if (mustCall) {
      return calls;
    }
    ObjectNode text = closedObject();
    text.putObject("properties").putObject("content").put("type", "string").put("maxLength", TEXT_BOUND);
    text.putArray("required").add("content");
    ObjectNode either = NODES.objectNode();
    either.putArray("anyOf").add(calls).add(text);
    return either;
  }

  private static ObjectNode closedObject() {
    return NODES.objectNode().put("type", "object").put("additionalProperties", false);
  }

  /** A copy of {@code schema} with bounds on open objects, strings and arrays. */
  static JsonNode tightened(JsonNode schema) {
    if (!schema.isObject()) {
      return schema.deepCopy();
    }
    ObjectNode copy = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      JsonNode value = field.getValue();
      copy.set(field.getKey(), switch (field.getKey()) {
        case "properties", "definitions", "$defs", "patternProperties" -> tightenedEach(value);
        case "items", "additionalProperties", "not" -> tightened(value);
        case "anyOf", "oneOf", "allOf", "prefixItems" -> tightenedAll(value);
        default -> value.deepCopy();
      });
    }
    String type = schema.path("type").asText("");
    boolean object = type.equals("object") || schema.has("properties");
    if (object && !schema.has("additionalProperties")) {
      copy.put("additionalProperties", false);
    }
    String format = schema.path("format").asText("");
    if (type.equals("string") && !schema.has("pattern") && FORMAT_PATTERNS.containsKey(format)) {
      // The grammar cannot check these formats; a pattern inside them can (every match is a valid value).
      copy.remove("format");
      copy.put("pattern", FORMAT_PATTERNS.get(format));
    }
    boolean free = !schema.has("enum") && !schema.has("const") && !copy.has("pattern")
        && !GRAMMAR_FORMATS.contains(format);
    if (type.equals("string") && free && !schema.has("maxLength")) {
      copy.put("maxLength", Math.max(STRING_BOUND, schema.path("minLength").asInt(0)));
    }
    if (type.equals("array") && !schema.has("maxItems")) {
      copy.put("maxItems", Math.max(ARRAY_BOUND, schema.path("minItems").asInt(0)));
    }
    if (type.equals("number") && wholeBounds(schema)) {
      // llama.cpp's grammar bounds integers only; a whole number within the bounds is a valid "number".
      copy.put("type", "integer");
    }
    return copy;
  }

  /** A bounded number whose bounds are whole (an MCP server's {@code count: 1..10} typed as number). */
  private static boolean wholeBounds(JsonNode schema) {
    boolean bounded = false;
    for (String bound : List.of("minimum", "maximum")) {
      JsonNode value = schema.get(bound);
      if (value != null) {
        if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
          return false;
        }
        bounded = true;
      }
    }
    return bounded && !schema.has("exclusiveMinimum") && !schema.has("exclusiveMaximum")
        && !schema.has("multipleOf");
  }

  private static JsonNode tightenedEach(JsonNode map) {
    if (!map.isObject()) {
      return map.deepCopy();
    }
    ObjectNode copy = NODES.objectNode();
    map.properties().forEach(e -> copy.set(e.getKey(), tightened(e.getValue())));
    return copy;
  }

  private static JsonNode tightenedAll(JsonNode list) {
    if (!list.isArray()) {
      return list.deepCopy();
    }
    ArrayNode copy = NODES.arrayNode();
    list.forEach(item -> copy.add(tightened(item)));
    return copy;
  }
}
