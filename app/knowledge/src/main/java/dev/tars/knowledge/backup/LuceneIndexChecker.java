package dev.tars.knowledge.backup;

import dev.tars.backup.CheckResult;
import dev.tars.backup.SnapshotChecker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs Lucene's {@link CheckIndex} (every byte, checksums included) on an extracted index snapshot. */
public final class LuceneIndexChecker implements SnapshotChecker {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneIndexChecker.class);

  @Override
  public String kind() {
    return LuceneBackupSource.KIND;
  }

  @Override
  public CheckResult check(Path folder) {
    try (FSDirectory directory = FSDirectory.open(folder)) {
      if (!DirectoryReader.indexExists(directory)) {
        return java.nio.file.Files.list(folder).findAny().isPresent()
            ? CheckResult.problem("The index copy has files but no commit (segments_N); it cannot be opened.")
            : CheckResult.ok(Map.of("documents", 0L));
      }
      CheckIndex.Status status;
      try (CheckIndex check = new CheckIndex(directory)) {
        // One thread: the check runs on the watchdog thread beside chat and ingestion on two cores.
        check.setThreadCount(1);
        status = check.checkIndex(null, null);
      }
      Map<String, Long> facts = new LinkedHashMap<>();
      facts.put("segments", (long) status.numSegments);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        facts.put("documents", (long) reader.numDocs());
      }
      if (!status.clean) {
        return new CheckResult(List.of("The index copy is damaged: CheckIndex found " + status.totLoseDocCount
            + " documents in broken segments" + (status.missingSegments ? " and missing segments" : "") + "."), facts);
      }
      return CheckResult.ok(facts);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Index copy {} failed CheckIndex", folder, e);
      return CheckResult.problem("The index copy cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }
}
