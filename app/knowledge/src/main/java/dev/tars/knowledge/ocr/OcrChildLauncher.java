package dev.tars.knowledge.ocr;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * How the OCR child process is started: same java and class path as this process, its own private temp
 * folder, its log in the data home's {@code logs/} folder, and one OpenMP thread. Used by
 * {@link ChildProcessOcr} and by tests that speak the protocol to a real child.
 */
final class OcrChildLauncher {
  static final String TEMP_FOLDER = "tmp";
  /** The child's log file name in {@code logs/} (the app's logback.xml reads {@code tars.logfile}). */
  static final String LOG_NAME = "ocr";

  private OcrChildLauncher() {}

  /**
   * @param workDir the OCR folder in the data home; its {@code tmp/} becomes the child's private temp folder
   * @param logsDir the data home's {@code logs/} folder
   */
  static ProcessBuilder processBuilder(Path workDir, Path logsDir, String language) throws IOException {
    Path temp = privateFolder(workDir.resolve(TEMP_FOLDER));
    Files.createDirectories(logsDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("--enable-native-access=ALL-UNNAMED");
    // tess4j unpacks to ${java.io.tmpdir}/tess4j and JNA to jna.tmpdir: both must be a folder only we can write.
    command.add("-Djava.io.tmpdir=" + temp);
    command.add("-Djna.tmpdir=" + temp);
    command.add("-Dtars.logs=" + logsDir.toAbsolutePath());
    command.add("-Dtars.logfile=" + LOG_NAME);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OcrWorkerMain.class.getName());
    command.add(language);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    return builder;
  }

  /**
   * Creates {@code dir} (and its parents) readable and writable by this user only, and refuses a folder that
   * another user owns. On file systems without POSIX permissions (Windows) the per-user data folder is
   * already private.
   */
  static Path privateFolder(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
      UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      if (!owner.equals(me) || Files.isSymbolicLink(dir)) {
        throw new IOException("the OCR temp folder " + dir + " belongs to " + owner.getName()
            + ", not to this user; remove it and try again");
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Path parent = dir.getParent();
      if (parent != null) {
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
      }
    }
    return dir;
  }
}
