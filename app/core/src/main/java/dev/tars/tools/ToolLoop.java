package dev.tars.tools;

import java.util.List;

/**
 * Loop control where Tars itself runs tools: at most {@code maxRounds} rounds of calls per answer, and a round
 * that repeats the previous one (same calls, same arguments) ends the loop, since it would only repeat itself.
 * Not thread-safe: one per answer.
 */
public final class ToolLoop {
  public static final int DEFAULT_MAX_ROUNDS = 5;

  /** One call as the loop compares them: arguments in a canonical JSON text. */
  public record Call(String name, String arguments) {}

  /** Why the loop stopped, or {@code CONTINUE}. */
  public enum Verdict { CONTINUE, TOO_MANY_ROUNDS, REPEATED_CALL }

  private final int maxRounds;
  private int rounds;
  private List<Call> previous = List.of();

  public ToolLoop(int maxRounds) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("at least one tool round, was " + maxRounds);
    }
    this.maxRounds = maxRounds;
  }

  /** Whether the calls of the next round may run. */
  public Verdict next(List<Call> calls) {
    if (calls.equals(previous)) {
      return Verdict.REPEATED_CALL;
    }
    if (rounds >= maxRounds) {
      return Verdict.TOO_MANY_ROUNDS;
    }
    rounds++;
    previous = List.copyOf(calls);
    return Verdict.CONTINUE;
  }

  public int rounds() {
    return rounds;
  }
}
