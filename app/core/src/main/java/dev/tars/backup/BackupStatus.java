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
    String changeToken,
    List<Finding> findings) {

  /**
   * One of {@link #problems()} by its reason ({@link BackupException.Reason#key()}) and arguments, so the window
   * can word it per language; {@code "other"} with the English as its argument when it has no reason of its own.
   */
  public record Finding(String reason, List<Object> args) {
    public Finding {
      args = args == null ? List.of() : List.copyOf(args);
    }

    static Finding other(String english) {
      return new Finding(BackupException.Reason.OTHER.key(), List.of(english));
    }
  }

  public BackupStatus {
    findings = findings == null ? List.of() : List.copyOf(findings);
    problems = problems == null ? List.of() : List.copyOf(problems);
    notes = notes == null ? List.of() : List.copyOf(notes);
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }

  public static BackupStatus written(String archiveSha256, String trigger, long durationMillis) {
    return new BackupStatus(BackupState.UNVERIFIED, archiveSha256, trigger, durationMillis, null, List.of(),
        List.of(), Map.of(), null, List.of());
  }

  public BackupStatus withChangeToken(String token) {
    return new BackupStatus(state, archiveSha256, trigger, durationMillis, checkedAt, problems, notes, facts, token, findings);
  }
}
