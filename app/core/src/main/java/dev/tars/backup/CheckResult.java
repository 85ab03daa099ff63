package dev.tars.backup;

import java.util.List;
import java.util.Map;

/**
 * What a {@link SnapshotChecker} found: problems (empty when fine) and facts worth showing a person, such as
 * row or document counts.
 */
public record CheckResult(List<String> problems, Map<String, Long> facts) {
  public CheckResult {
    problems = List.copyOf(problems);
    facts = Map.copyOf(facts);
  }

  public static CheckResult ok(Map<String, Long> facts) {
    return new CheckResult(List.of(), facts);
  }

  public static CheckResult problem(String problem) {
    return new CheckResult(List.of(problem), Map.of());
  }

  public boolean passed() {
    return problems.isEmpty();
  }
}
