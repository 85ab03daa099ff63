package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code POST /v1/chat/completions} body, checked by {@link OpenAiCodec#chatRequest}: the OpenAI fields Tars
 * honours; fields it cannot honour (several choices) are refused there rather than ignored. Optional
 * numbers are null when not given (each side has its own defaults).
 *
 * @param model the model asked for, null when not given
 * @param maxTokens {@code max_completion_tokens}, else the older {@code max_tokens}
 * @param responseFormat OpenAI's {@code response_format} object, null when not given
 * @param extensions non-OpenAI fields kept for the side that understands them: {@code tars} (the local API's
 *     knowledge extension), {@code cache_prompt} and {@code grammar} (llama.cpp server)
 * @param tools the functions offered and how they may be called, null when none were sent
 */
public record ChatCompletionRequest(String model, List<Message> messages, Double temperature, Double topP,
    Integer maxTokens, List<String> stop, boolean stream, boolean includeUsage, Long seed, JsonNode responseFormat,
    Map<String, JsonNode> extensions, ToolRequest tools) {

  public ChatCompletionRequest {
    messages = List.copyOf(messages);
    stop = List.copyOf(stop);
    extensions = Map.copyOf(extensions);
  }

  /** A streamed request with the usual sampling fields, as a client sends it. */
  public static ChatCompletionRequest streamed(String model, List<Message> messages, double temperature,
      double topP, int maxTokens, List<String> stop) {
    return new ChatCompletionRequest(Objects.requireNonNull(model, "model"), messages, temperature, topP, maxTokens,
        stop, true, false, null, null, Map.of(), null);
  }

  public ChatCompletionRequest withIncludeUsage(boolean value) {
    return new ChatCompletionRequest(model, messages, temperature, topP, maxTokens, stop, stream, value, seed,
        responseFormat, extensions, tools);
  }

  public ChatCompletionRequest withResponseFormat(JsonNode value) {
    return new ChatCompletionRequest(model, messages, temperature, topP, maxTokens, stop, stream, includeUsage, seed,
        value, extensions, tools);
  }

  public ChatCompletionRequest withExtension(String name, JsonNode value) {
    Map<String, JsonNode> more = new java.util.HashMap<>(extensions);
    more.put(name, value);
    return new ChatCompletionRequest(model, messages, temperature, topP, maxTokens, stop, stream, includeUsage, seed,
        responseFormat, more, tools);
  }

  /** A non-OpenAI field, or null when it was not sent. */
  public JsonNode extension(String name) {
    return extensions.get(name);
  }

  /** The newest user message (what a question is about); the last message when there is none. */
  public String question() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return messages.get(messages.size() - 1).content();
  }
}
