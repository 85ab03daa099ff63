package dev.tars.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data home readable by its owner only: folders 0700, files 0600 (0700 for the few executables, such
 * as unpacked native libraries). The database and its backups hold the remote engine's API key, and the rest
 * is private text. Java cannot set the process's umask, so a file a library creates (H2, a rolled log) gets
 * the umask's mode; it still sits in a 0700 folder no one else can enter, and {@link #tighten} at the next
 * start and after Tars's own writes takes the extra bits away.
 *
 * <p>Only POSIX file systems (Linux, macOS) have these modes. On Windows the data home is under
 * {@code %APPDATA%}, which the system already restricts to the user, SYSTEM and administrators; nothing is
 * changed there.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Looked up only when there is something to say: the data home is made private before the launcher tells
   * the logging where the logs go, and an early logger would send them to the default folder.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(PrivateFiles.class);
  }

  /** Whether {@code path}'s file system has POSIX modes (it, or its nearest existing parent). */
  public static boolean posix(Path path) {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
  }

  /** Creates {@code dir} and its missing parents as 0700 folders (plain folders where there are no modes). */
  public static Path createDirectories(Path dir) throws IOException {
    if (posix(dir)) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FOLDER);
      return Files.createDirectories(dir, ownerOnly);
    }
    return Files.createDirectories(dir);
  }

  /** Creates an empty file readable by its owner only, unless it exists already. */
  public static void createFile(Path file) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (posix(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } else {
      Files.createFile(file);
    }
  }

  /**
   * Takes the group's and others' permissions away from {@code root} and everything under it; the owner's are
   * left as they are. Links are neither followed nor changed. Does nothing where there are no POSIX modes.
   *
   * @return how many files and folders were changed
   */
  public static int tighten(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) || !posix(root)) {
      return 0;
    }
    int[] changed = {0};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          changed[0] += restrict(dir, attrs);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          changed[0] += restrict(file, attrs);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          log().debug("Cannot check the permissions of {}", file, e);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      log().warn("Could not make everything in {} private", root, e);
    }
    return changed[0];
  }

  private static int restrict(Path path, BasicFileAttributes attrs) {
    if (attrs.isSymbolicLink() || attrs.isOther()) {
      return 0;
    }
    try {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      if (now.stream().noneMatch(NOT_OWNER::contains)) {
        return 0;
      }
      Set<PosixFilePermission> ownerOnly = EnumSet.copyOf(now);
      ownerOnly.removeAll(NOT_OWNER);
      Files.setPosixFilePermissions(path, ownerOnly);
      return 1;
    } catch (IOException | UnsupportedOperationException e) {
      log().debug("Cannot restrict {}", path, e);
      return 0;
    }
  }
}
