package dev.tars.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Something whose data goes into a backup: the database, a search index. Each source becomes one folder
 * (its {@link #name()}) in the archive and is restored by replacing the folder {@link #restorePath()} of the
 * data home. Implementations must be thread-safe: backups run on the watchdog thread while the app writes.
 */
public interface BackupSource {

  /** Folder name inside the archive; lower case letters, digits and dashes, unique per backup. */
  String name();

  /** What the files are, so verification can pick a {@link SnapshotChecker}: {@code h2}, {@code lucene}. */
  String kind();

  /** Folder, relative to the data home and with {@code /} separators, that a restore replaces. */
  String restorePath();

  /**
   * A value that differs whenever the data changed, so an idle app is not backed up again. Cheap to call;
   * an empty string means "unknown" (treated as changed).
   */
  String changeToken();

  /**
   * Takes a point-in-time, consistent copy while the app may keep writing. The files of the snapshot do not
   * change until it is closed.
   *
   * @param scratch an empty private folder the source may use; it is deleted after the snapshot is closed
   */
  Snapshot snapshot(Path scratch) throws IOException;

  /**
   * Whether deflating the files is worth its time. False for data that is already compressed or random-like
   * (Lucene compresses stored fields itself; vectors do not shrink), which is then stored as is.
   */
  default boolean compressible() {
    return true;
  }
}
