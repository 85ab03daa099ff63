package dev.tars.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How backups run: the schedule, what is kept, and an optional mirror folder.
 *
 * @param interval time between scheduled backups (a backup runs only when something changed)
 * @param mirrorFolder a second folder every archive is copied to, or null
 */
public record BackupConfig(Duration interval, RetentionPolicy retention, Path mirrorFolder) {
  public static final BackupConfig DEFAULT = new BackupConfig(Duration.ofHours(1), RetentionPolicy.DEFAULT, null);

  public BackupConfig {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("The backup interval must be positive");
    }
  }

  public BackupConfig withInterval(Duration value) {
    return new BackupConfig(value, retention, mirrorFolder);
  }

  public BackupConfig withRetention(RetentionPolicy value) {
    return new BackupConfig(interval, value, mirrorFolder);
  }

  /** {@code folder} null: no mirror. */
  public BackupConfig withMirror(Path folder) {
    return new BackupConfig(interval, retention, folder);
  }

  public Optional<Path> mirror() {
    return Optional.ofNullable(mirrorFolder);
  }
}
