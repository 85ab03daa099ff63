package dev.tars.memory;

/**
 * How memory behaves.
 *
 * @param enabled memories are added to prompts and new ones are proposed
 * @param autoAccept facts the model proposes are kept without asking
 * @param tokenBudget the most prompt tokens memories may take in one answer (estimated, errs high)
 */
public record MemorySettings(boolean enabled, boolean autoAccept, int tokenBudget) {
  public static final int MAX_BUDGET = 4096;
  public static final MemorySettings DEFAULTS = new MemorySettings(true, false, 300);

  public MemorySettings {
    if (tokenBudget < 0 || tokenBudget > MAX_BUDGET) {
      throw new IllegalArgumentException("The memory token budget must be within 0.." + MAX_BUDGET
          + ", was " + tokenBudget + ".");
    }
  }
}
