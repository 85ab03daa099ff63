package dev.tars.memory;

/**
 * Token estimates for budgeting before the engine is asked. Three characters per token errs high for English
 * (about four) and is close for most other languages, so a budget is rarely overrun.
 */
public final class Tokens {
  private Tokens() {}

  public static int estimate(String text) {
    return text.isEmpty() ? 0 : (text.length() + 2) / 3;
  }
}
