package dev.tars.backup;

import java.nio.file.Path;

/**
 * Checks that the files of one snapshot kind can really be used, beyond matching hashes: the database opens
 * and answers queries, a Lucene index passes {@code CheckIndex}. Runs on extracted copies, never on live data.
 */
public interface SnapshotChecker {

  /** The {@link BackupSource#kind()} this checker understands. */
  String kind();

  /** Checks the extracted folder of one source; never throws for damaged data, reports it instead. */
  CheckResult check(Path folder);
}
