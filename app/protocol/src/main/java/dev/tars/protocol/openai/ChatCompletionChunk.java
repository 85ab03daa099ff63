package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Server-Sent Event of a streamed chat completion ({@code data: <json>}). The first chunk carries the role,
 * the following ones text, the last one the finish reason; with {@code stream_options.include_usage} a final
 * chunk with no choice carries the usage. A stream ends with {@code data: [DONE]}.
 *
 * @param role {@code assistant} in the first chunk, else null
 * @param content text of this chunk, null when none
 * @param finishReason {@code stop} or {@code length} in the last chunk, else null
 * @param usage token counts (the usage chunk, or llama.cpp's last chunk), else null
 * @param hasChoice false for the usage-only chunk ({@code "choices": []})
 * @param toolCalls calls carried by this chunk (each whole, in one chunk), else empty
 */
public record ChatCompletionChunk(String id, long created, String model, String role, String content,
    String finishReason, Usage usage, boolean hasChoice, JsonNode tars, JsonNode timings,
    java.util.List<ToolCall> toolCalls) {

  public ChatCompletionChunk {
    toolCalls = java.util.List.copyOf(toolCalls);
  }

  public ChatCompletionChunk(String id, long created, String model, String role, String content,
      String finishReason, Usage usage, boolean hasChoice, JsonNode tars, JsonNode timings) {
    this(id, created, model, role, content, finishReason, usage, hasChoice, tars, timings, java.util.List.of());
  }

  /** The answer's calls, each whole, indexed by position in {@code delta.tool_calls}. */
  public static ChatCompletionChunk toolCalls(String id, long created, String model,
      java.util.List<ToolCall> calls) {
    return new ChatCompletionChunk(id, created, model, null, null, null, null, true, null, null, calls);
  }

  public static ChatCompletionChunk first(String id, long created, String model) {
    return new ChatCompletionChunk(id, created, model, "assistant", "", null, null, true, null, null);
  }

  public static ChatCompletionChunk text(String id, long created, String model, String text) {
    return new ChatCompletionChunk(id, created, model, null, text, null, null, true, null, null);
  }

  public static ChatCompletionChunk last(String id, long created, String model, String finishReason) {
    return new ChatCompletionChunk(id, created, model, null, null, finishReason, null, true, null, null);
  }

  public static ChatCompletionChunk usageOnly(String id, long created, String model, Usage usage) {
    return new ChatCompletionChunk(id, created, model, null, null, null, usage, false, null, null);
  }

  public ChatCompletionChunk withUsage(Usage value, JsonNode timingsValue) {
    return new ChatCompletionChunk(id, created, model, role, content, finishReason, value, hasChoice, tars,
        timingsValue, toolCalls);
  }

  public ChatCompletionChunk withTars(JsonNode value) {
    return new ChatCompletionChunk(id, created, model, role, content, finishReason, usage, hasChoice, value,
        timings, toolCalls);
  }
}
