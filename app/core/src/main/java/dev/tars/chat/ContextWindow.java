package dev.tars.chat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.EngineException;
import dev.tars.engine.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a conversation fit the model's context window by leaving out the oldest turns, never the system
 * prompt nor the newest message. Engines truncate over-long prompts silently; counting first is how Tars
 * knows, and says, what the model did not see.
 */
final class ContextWindow {
  /**
   * Generous room for what a chat template adds around each message (role markers, separators) and once per
   * prompt (BOS, default system text, dates).
   */
  static final int TEMPLATE_BYTES_PER_MESSAGE = 64;
  static final int TEMPLATE_BYTES_PER_PROMPT = 512;

  /** The prompt to send and what was left out of it. */
  record Fitted(List<ChatMessage> messages, ContextTrim trim) {}

  Fitted fit(ChatEngine engine, List<ChatMessage> conversation, int maxTokens) throws EngineException {
    int contextLength = engine.model().contextLength();
    List<ChatMessage> prompt = new ArrayList<>(conversation);
    // Keep room for the answer, but never let a large max-tokens setting starve the history.
    int budget = contextLength <= 0 ? Integer.MAX_VALUE : contextLength - Math.min(maxTokens, contextLength / 2);
    // Every token of llama.cpp's tokenizers covers at least one byte of the templated text, so the bytes bound
    // the tokens: a prompt that fits by bytes fits, and counting it (two round trips to the engine) is skipped.
    int bound = upperBound(prompt);
    if (bound <= budget) {
      return new Fitted(prompt, new ContextTrim(0, -1, contextLength));
    }
    int tokens = engine.countTokens(prompt);
    if (contextLength <= 0) {
      return new Fitted(prompt, new ContextTrim(0, tokens, contextLength));
    }
    int firstDroppable = !prompt.isEmpty() && prompt.get(0).role() == Role.SYSTEM ? 1 : 0;
    int dropped = 0;
    while (tokens > budget && prompt.size() - firstDroppable > 1) {
      prompt.remove(firstDroppable);
      dropped++;
      // An answer without its question confuses models: drop the pair.
      if (prompt.size() - firstDroppable > 1 && prompt.get(firstDroppable).role() == Role.ASSISTANT) {
        prompt.remove(firstDroppable);
        dropped++;
      }
      tokens = engine.countTokens(prompt);
    }
    if (tokens > budget) {
      throw new PromptTooLongException("Your message is too long for this model: it needs " + tokens
          + " tokens, and the model's context window leaves room for " + budget
          + ". Shorten it, or choose a larger context size in Settings.");
    }
    return new Fitted(prompt, new ContextTrim(dropped, tokens, contextLength));
  }

  /** More tokens than the templated prompt can have (see {@link #fit}). */
  static int upperBound(List<ChatMessage> messages) {
    long bytes = TEMPLATE_BYTES_PER_PROMPT;
    for (ChatMessage m : messages) {
      bytes += TEMPLATE_BYTES_PER_MESSAGE + m.content().getBytes(StandardCharsets.UTF_8).length;
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }
}
