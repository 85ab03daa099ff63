package dev.tars.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The side file {@code tars-backup-<id>.status.json} next to an archive: the archive's SHA-256 when it was
 * written (so any later change to the file is noticed) and the result of the last verification.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupStatus(
    BackupState state,
    String archiveSha256,
    String trigger,
    long durationMillis,
    String checkedAt,
    List<String> problems,
    List<String> notes,
    Map<String, Long> facts,
    String changeToken) {

  public BackupStatus {
    problems = problems == null ? List.of() : List.copyOf(problems);
    notes = notes == null ? List.of() : List.copyOf(notes);
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }

  public static BackupStatus written(String archiveSha256, String trigger, long durationMillis) {
    return new BackupStatus(BackupState.UNVERIFIED, archiveSha256, trigger, durationMillis, null, List.of(),
        List.of(), Map.of(), null);
  }

  public BackupStatus withChangeToken(String token) {
    return new BackupStatus(state, archiveSha256, trigger, durationMillis, checkedAt, problems, notes, facts, token);
  }
}
