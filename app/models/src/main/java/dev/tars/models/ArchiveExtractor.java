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
      throw new ModelException(target.getFileName() + " is already installed at " + target + ".");
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
      throw new ModelException("Cannot unpack " + archive.getFileName() + ": it is damaged or not a "
          + (format == ModelFormat.ZIP ? "zip" : "tar.gz") + " archive (" + e.getMessage()
          + "). Download it again.", e);
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
        throw refuse(name, "it holds more than " + limits.maxEntries() + " files");
      }
      String entryName = entry.getName().replace('\\', '/');
      if (entryName.startsWith("/") || entryName.matches("^[A-Za-z]:.*")) {
        throw refuse(name, "the entry '" + entry.getName() + "' has an absolute path");
      }
      Path out = root.resolve(entryName).normalize();
      if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
        throw refuse(name, "the entry '" + entry.getName() + "' would be written outside its folder");
      }
      if (isLink(entry)) {
        throw refuse(name, "the entry '" + entry.getName() + "' is a link");
      }
      if (!in.canReadEntryData(entry)) {
        throw refuse(name, "the entry '" + entry.getName() + "' uses an unsupported compression or encryption");
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
            throw refuse(name, "it unpacks to more than " + Bytes.human(limits.maxTotalBytes()));
          }
          if (total > ratioLimit) {
            throw refuse(name, "it unpacks to far more than its own size (a \"zip bomb\")");
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

  private static ModelException refuse(String archive, String why) {
    return new ModelException("Refused to unpack " + archive + ": " + why
        + ". Nothing was installed; the file may be damaged or unsafe.");
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
