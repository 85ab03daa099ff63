package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A whole (not streamed) chat completion with one choice.
 *
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 * @param tars the local API's extension object (citations, dropped messages), or null
 * @param timings llama.cpp server's timing object, or null
 * @param toolCalls the function calls asked for (then {@code content} is null), else empty
 */
public record ChatCompletion(String id, long created, String model, String content, String finishReason,
    Usage usage, JsonNode tars, JsonNode timings, java.util.List<ToolCall> toolCalls) {

  public ChatCompletion {
    toolCalls = java.util.List.copyOf(toolCalls);
  }

  public ChatCompletion(String id, long created, String model, String content, String finishReason, Usage usage,
      JsonNode tars, JsonNode timings) {
    this(id, created, model, content, finishReason, usage, tars, timings, java.util.List.of());
  }
}
