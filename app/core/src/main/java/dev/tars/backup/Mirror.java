package dev.tars.backup;

import dev.tars.models.DiskSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a copy of the archives in a second folder (another disk, a synced folder, a share). Only archives the
 * mirror lacks, or holds with a different hash, are copied; each copy is read back and hashed before it gets
 * its final name. The originals are only ever read.
 */
public final class Mirror {
  private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

  private final BackupCatalog mirror;
  private final DiskSpace diskSpace;

  public Mirror(Path folder, DiskSpace diskSpace) {
    this.mirror = new BackupCatalog(folder);
    this.diskSpace = diskSpace;
  }

  public BackupCatalog catalog() {
    return mirror;
  }

  /** What one run did. */
  public record Report(List<String> copied, List<String> unchanged) {}

  /**
   * Copies the archives of {@code local} that are not damaged and not yet mirrored.
   *
   * @throws BackupException when the mirror folder is missing, full or not writable; copies made before
   *     the failure stay valid, nothing half-copied is left under an archive name
   */
  public Report sync(BackupCatalog local) {
    Path folder = mirror.folder();
    if (!Files.isDirectory(folder)) {
      throw new BackupException("The mirror folder " + folder + " is not there. Connect the disk or mount the "
          + "share, or choose another mirror folder. Your backups in " + local.folder() + " are unchanged.");
    }
    mirror.removeLeftovers();
    List<String> copied = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (BackupInfo archive : local.list()) {
      if (archive.state() == BackupState.FAILED) {
        continue;
      }
      String sha = archive.status().archiveSha256();
      try {
        if (sha == null) {
          sha = SafeFiles.sha256(archive.archive());
        }
        Path target = mirror.archivePath(archive.id());
        if (Files.exists(target) && Files.size(target) == archive.size()
            && sha.equals(mirror.status(archive.id()).archiveSha256())) {
          unchanged.add(archive.id());
          continue;
        }
        copy(archive, sha, target);
        copied.add(archive.id());
      } catch (IOException e) {
        LOG.error("Mirroring {} to {} failed", archive.id(), folder, e);
        throw new BackupException("Backup " + archive.id() + " could not be copied to the mirror folder " + folder
            + ": " + ArchiveWriter.describe(e) + ". Your backups in " + local.folder() + " are unchanged.", e);
      }
    }
    if (!copied.isEmpty()) {
      LOG.info("Mirrored {} backup(s) to {}", copied.size(), folder);
    }
    return new Report(copied, unchanged);
  }

  private void copy(BackupInfo archive, String sha, Path target) throws IOException {
    long usable = diskSpace.usableBytes(mirror.folder());
    if (usable < archive.size() + ArchiveWriter.SPARE_BYTES) {
      throw new BackupException("The mirror folder " + mirror.folder() + " is full: " + ArchiveWriter.mib(usable)
          + " free, " + ArchiveWriter.mib(archive.size()) + " needed for backup " + archive.id()
          + ". Free some space there; your local backups are unchanged.");
    }
    Path partial = target.resolveSibling("." + target.getFileName() + BackupIds.PARTIAL_SUFFIX);
    try {
      try (InputStream in = Files.newInputStream(archive.archive());
          FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = Channels.newOutputStream(channel);
        in.transferTo(out);
        channel.force(true);
      }
      String arrived = SafeFiles.sha256(partial);
      if (!arrived.equals(sha)) {
        throw new IOException("the copy does not match the original (SHA-256 differs); the mirror disk may be failing");
      }
      SafeFiles.moveAtomically(partial, target);
      mirror.writeStatus(archive.id(), archive.status().archiveSha256() == null
          ? BackupStatus.written(sha, archive.status().trigger(), archive.status().durationMillis())
          : archive.status());
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
