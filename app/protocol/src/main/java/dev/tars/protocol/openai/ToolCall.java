package dev.tars.protocol.openai;

import java.util.Objects;

/**
 * One function call an assistant asks for: OpenAI's {@code tool_calls[i]} with {@code type: "function"}.
 *
 * @param arguments the arguments as a JSON text (OpenAI sends a string, not an object)
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
