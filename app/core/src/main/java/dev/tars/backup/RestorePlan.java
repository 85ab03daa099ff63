package dev.tars.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What restoring a backup will replace, shown to a person before they confirm. */
public record RestorePlan(String id, String createdAt, String appVersion, List<Replacement> replacements,
    Map<String, Long> facts) {

  public RestorePlan {
    replacements = List.copyOf(replacements);
    facts = Map.copyOf(facts);
  }

  /** One folder of the data home that will be replaced by the backup's copy. */
  public record Replacement(String source, String kind, Path folder, long currentBytes, long backupBytes) {}
}
