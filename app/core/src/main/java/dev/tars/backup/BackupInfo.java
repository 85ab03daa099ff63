package dev.tars.backup;

import java.nio.file.Path;
import java.time.Instant;

/** One archive in a backup folder, as listed for a person or for retention. */
public record BackupInfo(String id, Instant createdAt, Path archive, long size, BackupStatus status) {

  public BackupState state() {
    return status.state();
  }
}
