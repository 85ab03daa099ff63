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
 * beyond those described, and strings and arrays without a bound get one.
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
    boolean free = !schema.has("enum") && !schema.has("const") && !schema.has("pattern") && !schema.has("format");
    if (type.equals("string") && free && !schema.has("maxLength")) {
      copy.put("maxLength", Math.max(STRING_BOUND, schema.path("minLength").asInt(0)));
    }
    if (type.equals("array") && !schema.has("maxItems")) {
      copy.put("maxItems", Math.max(ARRAY_BOUND, schema.path("minItems").asInt(0)));
    }
    return copy;
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
