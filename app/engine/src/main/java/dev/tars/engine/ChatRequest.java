package dev.tars.engine;

import java.util.List;
import java.util.Objects;

/**
 * A chat-completion request: the whole (already trimmed) history, sampling and stop strings.
 *
 * @param messages at least one message; the engine applies the model's chat template
 * @param sampling sampling settings
 * @param stop strings that end generation when produced (may be empty)
 * @param responseSchema a JSON schema the answer must follow (sent as OpenAI {@code response_format}
 *     {@code json_schema}; the local engine turns it into a llama.cpp grammar); empty for free text
 */
public record ChatRequest(List<ChatMessage> messages, Sampling sampling, List<String> stop, String responseSchema) {
  public ChatRequest {
    messages = List.copyOf(messages);
    Objects.requireNonNull(sampling, "sampling");
    stop = List.copyOf(stop);
    Objects.requireNonNull(responseSchema, "responseSchema");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
  }

  public ChatRequest(List<ChatMessage> messages, Sampling sampling, List<String> stop) {
    this(messages, sampling, stop, "");
  }

  public ChatRequest(List<ChatMessage> messages, Sampling sampling) {
    this(messages, sampling, List.of(), "");
  }
}
