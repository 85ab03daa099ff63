package dev.tars.backup;

import dev.tars.files.PrivateFiles;
import dev.tars.models.DiskSpace;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one archive: every source's snapshot, the extra files, then {@code manifest.json}. The archive is
 * written under a {@code .partial} name, fsynced and renamed atomically, so a crash or {@code kill -9} never
 * leaves a file that looks like a finished backup.
 */
public final class ArchiveWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
  /** Head-room over the estimated size so a backup never takes the last bytes of a disk. */
  static final long SPARE_BYTES = 64L << 20;

  private final BackupCatalog catalog;
  private final Path scratchRoot;
  private final Clock clock;
  private final String appVersion;
  private final DiskSpace diskSpace;

  public ArchiveWriter(BackupCatalog catalog, Path scratchRoot, Clock clock, String appVersion, DiskSpace diskSpace) {
    this.catalog = catalog;
    this.scratchRoot = scratchRoot;
    this.clock = clock;
    this.appVersion = appVersion;
    this.diskSpace = diskSpace;
  }

  /**
   * Writes a backup of {@code sources} plus {@code extras} (file name to content, e.g. {@code settings.json}).
   *
   * @param estimatedBytes what the sources take on disk, to refuse early when the disk cannot hold it
   * @throws BackupException with a message for a person; nothing is left behind
   */
  public BackupInfo write(List<BackupSource> sources, Map<String, byte[]> extras, String trigger, long estimatedBytes) {
    Instant started = clock.instant();
    Path folder = catalog.folder();
    try {
      PrivateFiles.createDirectories(folder);
      PrivateFiles.createDirectories(scratchRoot);
    } catch (IOException e) {
      throw new BackupException("The backup folder " + folder + " cannot be created: " + e.getMessage()
          + ". Check that the disk is there and writable.", e);
    }
    checkSpace(folder, estimatedBytes);
    String id = freeId(started);
    Path partial = folder.resolve("." + BackupIds.archiveName(id) + BackupIds.PARTIAL_SUFFIX);
    Path target = catalog.archivePath(id);
    List<Manifest.Entry> entries = new ArrayList<>();
    List<Manifest.Source> manifestSources = new ArrayList<>();
    MessageDigest whole = SafeFiles.sha256();
    try {
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream file = new DigestOutputStream(Channels.newOutputStream(channel), whole);
        ZipOutputStream zip = new ZipOutputStream(new Unclosable(file));
        // Databases and indexes are large; the fastest level keeps a backup short at a small cost in size.
        zip.setLevel(Deflater.BEST_SPEED);
        Set<String> names = new HashSet<>();
        for (BackupSource source : sources) {
          if (!names.add(source.name())) {
            throw new IllegalArgumentException("Two backup sources are called " + source.name());
          }
          manifestSources.add(new Manifest.Source(source.name(), source.kind(), source.restorePath()));
          zip.setLevel(source.compressible() ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION);
          Path scratch = Files.createTempDirectory(scratchRoot, "backup-" + source.name() + "-");
          try (Snapshot snapshot = source.snapshot(scratch)) {
            for (String name : snapshot.files()) {
              try (InputStream in = snapshot.open(name)) {
                entries.add(add(zip, source.name() + "/" + name, in));
              }
            }
          } finally {
            SafeFiles.deleteTree(scratch);
          }
        }
        zip.setLevel(Deflater.BEST_SPEED);
        for (Map.Entry<String, byte[]> extra : new LinkedHashMap<>(extras).entrySet()) {
          entries.add(add(zip, extra.getKey(), new java.io.ByteArrayInputStream(extra.getValue())));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id, started.toString(), appVersion, trigger,
            manifestSources, entries);
        zip.putNextEntry(new ZipEntry(ArchiveReader.MANIFEST));
        zip.write(BackupCatalog.JSON.writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.close();
        channel.force(true);
      }
      SafeFiles.moveAtomically(partial, target);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(partial);
      LOG.error("Backup {} failed", id, e);
      if (e instanceof BackupException be) {
        throw be;
      }
      throw new BackupException("The backup could not be written: " + describe(e)
          + ". Your data is unchanged; earlier backups are still there.", e);
    }
    long millis = Duration.between(started, clock.instant()).toMillis();
    BackupStatus status = BackupStatus.written(SafeFiles.hex(whole.digest()), trigger, millis);
    try {
      catalog.writeStatus(id, status);
    } catch (IOException e) {
      LOG.warn("Backup {} is complete but its status file could not be written", id, e);
    }
    long size;
    try {
      size = Files.size(target);
    } catch (IOException e) {
      size = -1;
    }
    LOG.info("Backup {} written: {} entries, {} bytes, {} ms ({})", id, entries.size(), size, millis, trigger);
    return new BackupInfo(id, BackupIds.timeOf(id), target, size, status);
  }

  private void checkSpace(Path folder, long estimatedBytes) {
    long usable;
    try {
      usable = diskSpace.usableBytes(folder);
    } catch (IOException e) {
      LOG.warn("Free space of {} unknown", folder, e);
      return;
    }
    if (usable < estimatedBytes + SPARE_BYTES) {
      throw new BackupException("Not enough free disk space for a backup in " + folder + ": "
          + mib(usable) + " free, about " + mib(estimatedBytes + SPARE_BYTES) + " needed. Free some space or "
          + "delete old backups; nothing was changed.");
    }
  }

  private String freeId(Instant time) {
    for (int sequence = 1; ; sequence++) {
      String id = BackupIds.of(time, sequence);
      if (!Files.exists(catalog.archivePath(id))) {
        return id;
      }
    }
  }

  private static Manifest.Entry add(ZipOutputStream zip, String path, InputStream in) throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    MessageDigest digest = SafeFiles.sha256();
    byte[] buffer = new byte[1 << 16];
    long size = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      zip.write(buffer, 0, n);
      size += n;
    }
    zip.closeEntry();
    return new Manifest.Entry(path, size, SafeFiles.hex(digest.digest()));
  }

  static String describe(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "a file or folder is missing (" + n.getFile() + ")";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "another backup is being written at the same moment";
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left")) {
      return "the disk is full";
    }
    return message.lines().findFirst().orElse(message);
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not remove unfinished backup {}", file, e);
    }
  }

  /** Lets the zip stream finish without closing the channel, which is forced to disk first. */
  private static final class Unclosable extends FilterOutputStream {
    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
