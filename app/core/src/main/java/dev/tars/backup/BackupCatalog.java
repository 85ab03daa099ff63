package dev.tars.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archives of one backup folder. Only files named {@code tars-backup-<id>.zip} count; they appear under
 * that name only once complete (atomic rename), so an interrupted backup is never listed.
 */
public final class BackupCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCatalog.class);
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path folder;

  public BackupCatalog(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  /** Every finished archive, newest first. */
  public List<BackupInfo> list() {
    List<BackupInfo> result = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return result;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, BackupIds.PREFIX + "*" + BackupIds.ARCHIVE_SUFFIX)) {
      for (Path file : files) {
        Optional<String> id = BackupIds.idOfArchive(file.getFileName().toString());
        if (id.isEmpty()) {
          continue;
        }
        try {
          result.add(new BackupInfo(id.get(), BackupIds.timeOf(id.get()), file, Files.size(file), status(id.get())));
        } catch (NoSuchFileException e) {
          LOG.debug("Archive {} vanished while listing", file);
        }
      }
    } catch (IOException e) {
      throw new BackupException("The backup folder " + folder + " cannot be read: " + e.getMessage(), e);
    }
    result.sort(Comparator.comparing(BackupInfo::id).reversed());
    return result;
  }

  /**
   * The archive with this id.
   *
   * @throws BackupException naming the id when there is none
   */
  public BackupInfo find(String id) {
    if (!BackupIds.isValid(id)) {
      throw new BackupException(BackupException.Reason.NOT_AN_ID, List.of(String.valueOf(id)), "\"" + id
          + "\" is not a backup id. Ids look like 20261122T143000Z; `tars backup list` shows them.", null);
    }
    return list().stream().filter(b -> b.id().equals(id)).findFirst()
        .orElseThrow(() -> new BackupException(BackupException.Reason.NO_SUCH_BACKUP, List.of(id, folder.toString()),
            "There is no backup " + id + " in " + folder + ". `tars backup list` shows the backups there are.", null));
  }

  public Path archivePath(String id) {
    return folder.resolve(BackupIds.archiveName(id));
  }

  /** The recorded status; {@link BackupState#UNVERIFIED} without a hash when the side file is missing or bad. */
  public BackupStatus status(String id) {
    Path file = folder.resolve(BackupIds.statusName(id));
    try {
      return JSON.readValue(file.toFile(), BackupStatus.class);
    } catch (IOException e) {
      if (Files.exists(file)) {
        LOG.warn("Unreadable backup status {}: {}", file, e.getMessage());
      }
      return BackupStatus.written(null, "unknown", 0);
    }
  }

  public void writeStatus(String id, BackupStatus status) throws IOException {
    SafeFiles.writeAtomically(folder.resolve(BackupIds.statusName(id)), JSON.writeValueAsBytes(status));
  }

  /** Deletes an archive and its status. */
  public void delete(String id) throws IOException {
    Files.deleteIfExists(folder.resolve(BackupIds.statusName(id)));
    Files.deleteIfExists(archivePath(id));
  }

  /**
   * Removes what an interrupted backup left behind. Call only while no backup is being written to this
   * folder (at start, before the first backup).
   */
  public int removeLeftovers() {
    int removed = 0;
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + BackupIds.PARTIAL_SUFFIX)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
        LOG.info("Removed unfinished backup file {}", file.getFileName());
        removed++;
      }
    } catch (IOException e) {
      LOG.warn("Could not clean unfinished backup files in {}", folder, e);
    }
    return removed;
  }
}
