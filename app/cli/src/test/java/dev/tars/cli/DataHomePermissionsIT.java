package dev.tars.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data home as another user on the machine would see it: a real {@code tars} process started with a
 * umask that lets everyone read and write everything it creates.
 */
class DataHomePermissionsIT {
  @TempDir Path base;

  @Test
  void underAPermissiveUmaskEveryFolderIsOwnerOnlyAndEveryFileOwnerReadWriteOnly() throws Exception {
    assumeTrue(Files.getFileAttributeView(base, PosixFileAttributeView.class) != null, "POSIX file modes only");
    Path home = base.resolve("tars-home");

    Process tars = tarsUnderUmask000(home, "backup");
    String output = new String(tars.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tars.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tars.exitValue()).as(output).isZero();

    assertThat(home.resolve("db/tars.mv.db")).exists();
    assertThat(home.resolve("logs/cli.log")).exists();
    try (Stream<Path> backups = Files.list(home.resolve("backups"))) {
      assertThat(backups).anyMatch(p -> p.toString().endsWith(".zip"));
    }
    assertThat(readableByOthers(home)).as("files and folders other users could read or change").isEmpty();
    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(home.resolve("db/tars.mv.db"))).isEqualTo("rw-------");
  }

  @Test
  void anExistingHomeLeftOpenByAnOlderTarsIsTightenedAtStart() throws Exception {
    assumeTrue(Files.getFileAttributeView(base, PosixFileAttributeView.class) != null, "POSIX file modes only");
    Path home = Files.createDirectories(base.resolve("old-home"));
    Path notes = Files.writeString(Files.createDirectories(home.resolve("knowledge")).resolve("notes.txt"), "mine");
    Path elsewhere = Files.writeString(base.resolve("not-tars.txt"), "someone else's");
    Files.createSymbolicLink(home.resolve("knowledge/link"), elsewhere);
    for (Path p : List.of(home, home.resolve("knowledge"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-r--r--"));

    Process tars = tarsUnderUmask000(home, "backup", "list");
    String output = new String(tars.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tars.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tars.exitValue()).as(output).isZero();

    assertThat(readableByOthers(home)).isEmpty();
    assertThat(mode(notes)).isEqualTo("rw-------");
    assertThat(mode(elsewhere)).as("a link is not followed out of the data home").isEqualTo("rw-r--r--");
  }

  private static Process tarsUnderUmask000(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000; exec \"$0\" \"$@\"",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TarsCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TARS_HOME", home.toString());
    return builder.start();
  }

  private static List<String> readableByOthers(Path home) throws Exception {
    try (Stream<Path> all = Files.walk(home)) {
      return all.filter(p -> !Files.isSymbolicLink(p))
          .filter(p -> !mode(p).endsWith("------")).map(p -> home.relativize(p) + " " + mode(p)).toList();
    }
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
