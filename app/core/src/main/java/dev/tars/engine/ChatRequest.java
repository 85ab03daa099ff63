package dev.tars.engine;

import java.util.List;
import java.util.Objects;

/**
 * A chat-completion request: the whole (already trimmed) history, sampling and stop strings.
 *
 * @param messages at least one message; the engine applies the model's chat template
 * @param sampling sampling settings
 * @param stop strings that end generation when produced (may be empty)
 */
public record ChatRequest(List<ChatMessage> messages, Sampling sampling, List<String> stop) {
  public ChatRequest {
    messages = List.copyOf(messages);
    Objects.requireNonNull(sampling, "sampling");
    stop = List.copyOf(stop);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
  }

  public ChatRequest(List<ChatMessage> messages, Sampling sampling) {
    this(messages, sampling, List.of());
  }
}
