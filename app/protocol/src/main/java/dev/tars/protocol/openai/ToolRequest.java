package dev.tars.protocol.openai;

import java.util.List;

/**
 * The function-calling part of a chat request.
 *
 * @param choice {@code auto}, {@code none}, {@code required} or {@code function} (then {@code function} names it)
 * @param function the one function the model must call when {@code choice} is {@code function}, else null
 * @param parallel {@code parallel_tool_calls}: whether one answer may hold several calls (OpenAI's default: true)
 */
public record ToolRequest(List<ToolSpec> tools, String choice, String function, boolean parallel) {
  public static final List<String> CHOICES = List.of("auto", "none", "required");

  public ToolRequest {
    tools = List.copyOf(tools);
  }
}
