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
 */
public record ChatCompletionChunk(String id, long created, String model, String role, String content,
    String finishReason, Usage usage, boolean hasChoice, JsonNode tars, JsonNode timings) {

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
        timingsValue);
  }

  public ChatCompletionChunk withTars(JsonNode value) {
    return new ChatCompletionChunk(id, created, model, role, content, finishReason, usage, hasChoice, value,
        timings);
  }
}
