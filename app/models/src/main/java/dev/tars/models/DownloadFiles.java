package dev.tars.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** File chores shared by downloads and imports: atomic moves, checksums, sizes, and disk errors in words. */
public final class DownloadFiles {
  private DownloadFiles() {}

  /** Where the bytes of a download to {@code target} collect in {@code staging}. */
  static Path partFile(Path staging, Path target) {
    return staging.resolve(target.getFileName() + ".part");
  }

  /** The resume state kept beside a part file. */
  static Path stateFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".json");
  }

  /** Turns a file-system failure into words; a full disk is the one people can act on. */
  static DownloadText ioProblem(IOException e) {
    if (isDiskFull(e)) {
      return DownloadText.of(DownloadText.Key.DISK_FULL);
    }
    if (e instanceof NoSuchFileException) {
      return DownloadText.of(DownloadText.Key.FILE_VANISHED, String.valueOf(e.getMessage()));
    }
    return DownloadText.of(DownloadText.Key.WRITE_FAILED, String.valueOf(e.getMessage()));
  }

  /** Whether a file-system failure means the disk (or the person's quota) is full. */
  static boolean isDiskFull(IOException e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return text.contains("no space left") || text.contains("not enough space") || text.contains("disk full")
        || text.contains("quota");
  }

  /** Whether a file-system failure means the system refused permission (EACCES, or EPERM for a locked file). */
  static boolean isDenied(IOException e) {
    return e instanceof AccessDeniedException
        || e instanceof FileSystemException f && String.valueOf(f.getReason()).contains("not permitted");
  }

  /**
   * Moves {@code from} onto {@code to} in one step, so that {@code to} is either absent or complete. When
   * the two are on different disks, copies to a hidden name beside {@code to} first, then renames.
   */
  public static void moveIntoPlace(Path from, Path to) throws IOException {
    Files.createDirectories(to.toAbsolutePath().getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Path incoming = to.resolveSibling("." + to.getFileName() + ".incoming");
      try {
        Files.copy(from, incoming, StandardCopyOption.REPLACE_EXISTING);
        Files.move(incoming, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(from);
      } finally {
        Files.deleteIfExists(incoming);
      }
    }
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Lower-case hex SHA-256 of a whole file. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The file's size, 0 when it is missing or unreadable. */
  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
