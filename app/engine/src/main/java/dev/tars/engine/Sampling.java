package dev.tars.engine;

/**
 * Sampling settings of one request.
 *
 * @param temperature 0 (greedy) to 2
 * @param topP nucleus sampling mass, in (0, 1]
 * @param maxTokens upper bound on generated tokens, at least 1
 */
public record Sampling(double temperature, double topP, int maxTokens) {
  /** What a new conversation starts with when Settings say nothing else. */
  public static final Sampling DEFAULTS = new Sampling(0.7, 0.95, 1024);

  public Sampling {
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException("temperature must be within 0..2, was " + temperature);
    }
    if (topP <= 0 || topP > 1) {
      throw new IllegalArgumentException("top-p must be within (0, 1], was " + topP);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be at least 1, was " + maxTokens);
    }
  }
}
