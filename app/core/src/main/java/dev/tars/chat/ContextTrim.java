package dev.tars.chat;

/**
 * What had to be left out of the prompt so that the conversation fits the model's context window.
 *
 * @param droppedMessages oldest turns left out (the system prompt is always kept)
 * @param promptTokens tokens of the prompt actually sent; -1 when it was so short that it was not counted
 * @param contextLength the model's context window, -1 when unknown
 */
public record ContextTrim(int droppedMessages, int promptTokens, int contextLength) {
  public boolean trimmed() {
    return droppedMessages > 0;
  }
}
