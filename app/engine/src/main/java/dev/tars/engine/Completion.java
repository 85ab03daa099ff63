package dev.tars.engine;

/**
 * The outcome of one generation.
 *
 * @param text everything generated, also when cancelled or failed part-way
 * @param finishReason why it ended
 * @param promptTokens tokens in the prompt as the engine counted them, -1 if unknown
 * @param completionTokens tokens generated, -1 if unknown
 * @param error what went wrong when {@code finishReason} is {@link FinishReason#ERROR}, else null
 */
public record Completion(
    String text, FinishReason finishReason, int promptTokens, int completionTokens, EngineException error) {}
