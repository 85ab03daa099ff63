package dev.tars.protocol.openai;

/** Token counts of one completion; negative counts are sent as 0. */
public record Usage(int promptTokens, int completionTokens) {
  public Usage {
    promptTokens = Math.max(0, promptTokens);
    completionTokens = Math.max(0, completionTokens);
  }

  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
