package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the function-calling fields of a chat request and of its messages. */
final class ToolRequestReader {
  /** OpenAI's rule for function names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** OpenAI's limit on tools per request. */
  static final int MAX_TOOLS = 128;

  private ToolRequestReader() {}

  /** The tools of a request, or null when it sent none. */
  static ToolRequest tools(JsonNode body) throws OpenAiException {
    JsonNode array = body.get("tools");
    JsonNode choiceNode = body.get("tool_choice");
    boolean noTools = array == null || array.isNull() || array.isArray() && array.isEmpty();
    if (noTools) {
      if (choiceNode != null && !choiceNode.isNull() && !"none".equals(choiceNode.asText())) {
        throw OpenAiException.invalid("tool_choice", "'tool_choice' needs 'tools' to choose from.");
      }
      return null;
    }
    if (!array.isArray()) {
      throw OpenAiException.invalid("tools", "'tools' must be an array of {\"type\": \"function\", \"function\":"
          + " {name, description, parameters}} objects.");
    }
    if (array.size() > MAX_TOOLS) {
      throw OpenAiException.invalid("tools", "At most " + MAX_TOOLS + " tools, got " + array.size() + ".");
    }
    List<ToolSpec> tools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String param = "tools[" + i + "]";
      JsonNode tool = array.get(i);
      if (!tool.isObject() || !"function".equals(tool.path("type").asText()) || !tool.path("function").isObject()) {
        throw OpenAiException.invalid(param, param + " must be {\"type\": \"function\", \"function\": {...}}.");
      }
      JsonNode function = tool.get("function");
      String name = function.path("name").asText("");
      if (!NAME.matcher(name).matches()) {
        throw OpenAiException.invalid(param + ".function.name", param + ".function.name must be 1 to 64 letters,"
            + " digits, '_' or '-', was '" + OpenAiCodec.cut(name) + "'.");
      }
      if (!names.add(name)) {
        throw OpenAiException.invalid(param + ".function.name", "Two tools are named '" + name + "'.");
      }
      JsonNode parameters = function.get("parameters");
      if (parameters == null || parameters.isNull()) {
        parameters = OpenAiCodec.object().put("type", "object");
      } else if (!parameters.isObject()) {
        throw OpenAiException.invalid(param + ".function.parameters", param
            + ".function.parameters must be a JSON schema object.");
      }
      tools.add(new ToolSpec(name, function.path("description").asText(""), parameters));
    }
    String choice = "auto";
    String function = null;
    if (choiceNode != null && !choiceNode.isNull()) {
      if (choiceNode.isTextual() && ToolRequest.CHOICES.contains(choiceNode.asText())) {
        choice = choiceNode.asText();
      } else if (choiceNode.isObject() && "function".equals(choiceNode.path("type").asText())) {
        choice = "function";
        function = choiceNode.path("function").path("name").asText("");
        if (!names.contains(function)) {
          throw OpenAiException.invalid("tool_choice", "'tool_choice' names '" + OpenAiCodec.cut(function)
              + "', which is not among 'tools'.");
        }
      } else {
        throw OpenAiException.invalid("tool_choice", "'tool_choice' must be \"auto\", \"none\", \"required\" or"
            + " {\"type\": \"function\", \"function\": {\"name\": ...}}.");
      }
    }
    JsonNode parallel = body.get("parallel_tool_calls");
    if (parallel != null && !parallel.isNull() && !parallel.isBoolean()) {
      throw OpenAiException.invalid("parallel_tool_calls", "'parallel_tool_calls' must be true or false.");
    }
    return new ToolRequest(tools, choice, function, parallel == null || parallel.isNull() || parallel.asBoolean());
  }

  /** The {@code tool_calls} of an assistant message. */
  static List<ToolCall> calls(JsonNode array, String param) throws OpenAiException {
    List<ToolCall> calls = new ArrayList<>();
    if (array == null || array.isNull()) {
      return calls;
    }
    if (!array.isArray()) {
      throw OpenAiException.invalid(param, param + " must be an array.");
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode call = array.get(i);
      JsonNode function = call.path("function");
      if (!call.path("id").isTextual() || !function.path("name").isTextual()
          || !function.path("arguments").isTextual()) {
        throw OpenAiException.invalid(param + "[" + i + "]", param + "[" + i + "] must have an 'id' and a"
            + " 'function' with a 'name' and 'arguments' as a JSON string.");
      }
      calls.add(new ToolCall(call.get("id").asText(), function.get("name").asText(),
          function.get("arguments").asText()));
    }
    return calls;
  }
}
