package dev.tars.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The files a person's choice of files and folders stands for, and their content hashes. */
final class FilesToAdd {
  private static final Logger LOG = LoggerFactory.getLogger(FilesToAdd.class);

  private FilesToAdd() {}

  /**
   * Adds {@code root} to {@code out} when it is a file, or every file under it when it is a folder; hidden files
   * and folders, and what cannot be read, are counted in {@code skipped[0]} instead.
   */
  static void collect(Path root, Set<Path> out, int[] skipped) {
    if (Files.isRegularFile(root)) {
      out.add(root);
      return;
    }
    if (!Files.isDirectory(root)) {
      skipped[0]++;
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !hidden(file)) {
            out.add(file);
          } else {
            skipped[0]++;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          skipped[0]++;
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("Cannot walk {}", root, e);
      skipped[0]++;
    }
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** The SHA-256 of a file's content, in hex: how a changed file is told from a touched one. */
  static String hash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
