package dev.tars.models;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks a downloaded zip or tar.gz model (Vosk) without trusting it: no entry may land outside the
 * target folder, links are refused, and the number of entries, the unpacked size and the ratio of unpacked
 * to packed size are capped (zip bombs). Everything is unpacked into a fresh folder first and moved to the
 * target in one step only when the whole archive was fine; on any problem nothing is left behind.
 */
public final class ArchiveExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveExtractor.class);

  /**
   * @param maxEntries most files and folders an archive may hold
   * @param maxTotalBytes most bytes it may unpack to
   * @param maxRatio most unpacked bytes per packed byte (speech models compress about 1.3:1)
   */
  public record Limits(int maxEntries, long maxTotalBytes, double maxRatio) {
    public static final Limits DEFAULTS = new Limits(20_000, 8_000_000_000L, 50);
  }

  private final Limits limits;

  public ArchiveExtractor(Limits limits) {
    this.limits = limits;
  }

  public ArchiveExtractor() {
    this(Limits.DEFAULTS);
  }

  /**
   * Unpacks {@code archive} into {@code target}, which must not exist yet. When the archive holds one
   * top-level folder (as Vosk models do), that folder's content becomes {@code target}'s content.
   *
   * @param workDir a folder on the same disk as {@code target} for the unpacking in progress
   */
  public void extract(Path archive, ModelFormat format, Path workDir, Path target) throws ModelException {
    if (!format.isArchive()) {
      throw new IllegalArgumentException(format + " is not an archive format");
    }
    if (Files.exists(target)) {
      throw new ModelException(DownloadText.of(DownloadText.Key.ARCHIVE_ALREADY_THERE,
          String.valueOf(target.getFileName()), target.toString()), null);
    }
    Path scratch = null;
    try {
      Files.createDirectories(workDir);
      scratch = Files.createTempDirectory(workDir, "unpack-");
      long packed = Math.max(1, Files.size(archive));
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
          ArchiveInputStream<? extends ArchiveEntry> in = open(raw, format)) {
        unpack(in, scratch, packed, archive.getFileName().toString());
      }
      Path root = singleTopFolder(scratch);
      moveDirectory(root, target);
    } catch (IOException e) {
      LOG.warn("Cannot unpack {}", archive, e);
      String name = String.valueOf(archive.getFileName());
      throw new ModelException(DownloadFiles.isDiskFull(e)
          ? DownloadText.of(DownloadText.Key.ARCHIVE_DISK_FULL, name)
          : DownloadText.of(DownloadText.Key.ARCHIVE_DAMAGED, name, format == ModelFormat.ZIP ? "zip" : "tar.gz",
              String.valueOf(e.getMessage())), e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  private static ArchiveInputStream<? extends ArchiveEntry> open(InputStream raw, ModelFormat format)
      throws IOException {
    return format == ModelFormat.ZIP
        ? new ZipArchiveInputStream(raw)
        : new TarArchiveInputStream(new GzipCompressorInputStream(raw));
  }

  private void unpack(ArchiveInputStream<? extends ArchiveEntry> in, Path scratch, long packedBytes, String name)
      throws IOException, ModelException {
    Path root = scratch.toRealPath();
    int entries = 0;
    long total = 0;
    long ratioLimit = (long) Math.min(Long.MAX_VALUE, limits.maxRatio() * packedBytes) + 1_000_000;
    byte[] buffer = new byte[1 << 16];
    ArchiveEntry entry;
    while ((entry = in.getNextEntry()) != null) {
      if (++entries > limits.maxEntries()) {
        throw refuse(name, DownloadText.Key.REFUSED_TOO_MANY_FILES, Integer.toString(limits.maxEntries()));
      }
      String entryName = entry.getName().replace('\\', '/');
      if (entryName.startsWith("/") || entryName.matches("^[A-Za-z]:.*")) {
        throw refuse(name, DownloadText.Key.REFUSED_ABSOLUTE_PATH, entry.getName());
      }
      Path out = root.resolve(entryName).normalize();
      if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
        throw refuse(name, DownloadText.Key.REFUSED_OUTSIDE, entry.getName());
      }
      if (isLink(entry)) {
        throw refuse(name, DownloadText.Key.REFUSED_LINK, entry.getName());
      }
      if (!in.canReadEntryData(entry)) {
        throw refuse(name, DownloadText.Key.REFUSED_ENCRYPTED, entry.getName());
      }
      if (entry.isDirectory()) {
        Files.createDirectories(out);
        continue;
      }
      Files.createDirectories(out.getParent());
      try (OutputStream os = Files.newOutputStream(out)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          total += n;
          if (total > limits.maxTotalBytes()) {
            throw refuse(name, DownloadText.Key.REFUSED_TOO_BIG, Bytes.human(limits.maxTotalBytes()));
          }
          if (total > ratioLimit) {
            throw refuse(name, DownloadText.Key.REFUSED_BOMB);
          }
          os.write(buffer, 0, n);
        }
      }
    }
    if (entries == 0) {
      throw new IOException("no entries");
    }
  }

  private static boolean isLink(ArchiveEntry entry) {
    if (entry instanceof TarArchiveEntry tar) {
      return tar.isSymbolicLink() || tar.isLink() || tar.isCharacterDevice() || tar.isBlockDevice()
          || tar.isFIFO();
    }
    return entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink();
  }

  private static ModelException refuse(String archive, DownloadText.Key why, Object... args) {
    return new ModelException(DownloadText.of(DownloadText.Key.ARCHIVE_REFUSED, archive, DownloadText.of(why, args)),
        null);
  }

  private static Path singleTopFolder(Path scratch) throws IOException {
    try (Stream<Path> children = Files.list(scratch)) {
      List<Path> all = children.toList();
      if (all.size() == 1 && Files.isDirectory(all.getFirst())) {
        return all.getFirst();
      }
    }
    return scratch;
  }

  /** Renames {@code from} to {@code to}; across disks, copies beside {@code to} first so the switch is one step. */
  static void moveDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to.toAbsolutePath().getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Path incoming = to.resolveSibling("." + to.getFileName() + ".incoming");
      try {
        copyTree(from, incoming);
        Files.move(incoming, to, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(incoming);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Deletes a folder and everything in it, logging (not throwing) what cannot be deleted. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not delete {}", dir, e);
    }
  }
}
