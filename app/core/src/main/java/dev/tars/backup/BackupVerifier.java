package dev.tars.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves an archive can be restored: the file is the one that was written (whole-file SHA-256), every entry
 * matches the manifest, every source would be restored inside the data home ({@link ManifestCheck}), the
 * database opens and reads, each index passes its checker. The result is recorded
 * in the archive's status file.
 */
public final class BackupVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(BackupVerifier.class);

  private final BackupCatalog catalog;
  private final Path dataHome;
  private final Path scratchRoot;
  private final Map<String, SnapshotChecker> checkers;
  private final Clock clock;

  /** @param dataHome the data home a restore would write into: every source must land inside it */
  public BackupVerifier(BackupCatalog catalog, Path dataHome, Path scratchRoot, List<SnapshotChecker> checkers,
      Clock clock) {
    this.catalog = catalog;
    this.dataHome = dataHome;
    this.scratchRoot = scratchRoot;
    this.checkers = checkers.stream().collect(Collectors.toMap(SnapshotChecker::kind, Function.identity(),
        (a, b) -> a, LinkedHashMap::new));
    this.clock = clock;
  }

  /** Verifies the archive with this id and records the outcome. Never throws for a damaged archive. */
  public BackupStatus verify(String id) {
    BackupInfo info = catalog.find(id);
    BackupStatus recorded = info.status();
    List<String> problems = new ArrayList<>();
    List<BackupStatus.Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Long> facts = new LinkedHashMap<>();
    String actualSha = null;
    try {
      actualSha = SafeFiles.sha256(info.archive());
      if (recorded.archiveSha256() != null && !recorded.archiveSha256().equals(actualSha)) {
        problems.add("The archive file changed after it was written (a damaged disk or an edited file).");
        findings.add(new BackupStatus.Finding(BackupException.Reason.ARCHIVE_CHANGED.key(), List.of()));
      }
    } catch (IOException e) {
      problems.add("The archive cannot be read: " + ArchiveWriter.describe(e));
      findings.add(new BackupStatus.Finding(BackupException.Reason.UNREADABLE.key(),
          List.of(String.valueOf(info.archive().getFileName()), ArchiveWriter.describe(e))));
    }
    if (problems.isEmpty() || actualSha != null) {
      checkContent(info.archive(), problems, findings, notes, facts);
    }
    BackupState state = problems.isEmpty() ? BackupState.VERIFIED : BackupState.FAILED;
    // A lost status file is rebuilt only from an archive that passed; a failed one keeps no trusted hash.
    String sha = recorded.archiveSha256() != null ? recorded.archiveSha256()
        : state == BackupState.VERIFIED ? actualSha : null;
    BackupStatus status = new BackupStatus(state, sha, recorded.trigger(), recorded.durationMillis(),
        clock.instant().toString(), problems, notes, facts, recorded.changeToken(), findings);
    try {
      catalog.writeStatus(id, status);
    } catch (IOException e) {
      LOG.warn("Verification result of {} could not be recorded", id, e);
    }
    if (state == BackupState.FAILED) {
      LOG.warn("Backup {} failed verification: {}", id, problems);
    } else {
      LOG.info("Backup {} verified ({})", id, facts);
    }
    return status;
  }

  private void checkContent(Path archive, List<String> problems, List<BackupStatus.Finding> findings,
      List<String> notes, Map<String, Long> facts) {
    int before = problems.size();
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      Manifest manifest = reader.manifest();
      List<String> unsafe = ManifestCheck.problems(manifest, dataHome);
      if (!unsafe.isEmpty()) {
        problems.addAll(unsafe);
        findings.addAll(unsafe.stream().map(BackupStatus.Finding::other).toList());
        return;
      }
      Set<String> checkedPrefixes = manifest.sources().stream()
          .filter(s -> checkers.containsKey(s.kind()))
          .map(s -> s.name() + "/")
          .collect(Collectors.toSet());
      problems.addAll(reader.checkEntries(path -> checkedPrefixes.stream().noneMatch(path::startsWith)));
      for (Manifest.Source source : manifest.sources()) {
        SnapshotChecker checker = checkers.get(source.kind());
        if (checker == null) {
          notes.add(source.name() + " (" + source.kind() + ") was checked by hash only: this program has no "
              + source.kind() + " checker.");
          continue;
        }
        Path folder = Files.createTempDirectory(Files.createDirectories(scratchRoot), "verify-" + source.name() + "-");
        try {
          List<String> extractProblems = reader.extractSource(source.name(), folder);
          problems.addAll(extractProblems);
          if (extractProblems.isEmpty()) {
            CheckResult result = checker.check(folder);
            problems.addAll(result.problems());
            result.facts().forEach((k, v) -> facts.put(source.name() + "." + k, v));
          }
        } finally {
          SafeFiles.deleteTree(folder);
        }
      }
    } catch (BackupException e) {
      problems.add(e.getMessage());
      findings.addAll(problems.subList(before, problems.size() - 1).stream().map(BackupStatus.Finding::other).toList());
      findings.add(new BackupStatus.Finding(e.reason().key(), e.reason() == BackupException.Reason.OTHER
          ? List.of(e.getMessage()) : e.args()));
      return;
    } catch (IOException e) {
      LOG.warn("Verification of {} could not finish", archive, e);
      problems.add("The verification could not finish: " + ArchiveWriter.describe(e));
      findings.addAll(problems.subList(before, problems.size() - 1).stream().map(BackupStatus.Finding::other).toList());
      findings.add(new BackupStatus.Finding(BackupException.Reason.CHECK_UNFINISHED.key(),
          List.of(ArchiveWriter.describe(e))));
      return;
    }
    // The checkers' own findings (entries, extraction, H2) are English sentences for now.
    findings.addAll(problems.subList(before, problems.size()).stream().map(BackupStatus.Finding::other).toList());
  }
}
