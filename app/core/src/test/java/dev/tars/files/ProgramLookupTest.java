package dev.tars.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramLookupTest {
  private static final ProgramLookup POSIX = ProgramLookup.windows(false);
  private static final ProgramLookup WINDOWS = ProgramLookup.windows(true);

  @TempDir Path dir;

  private static Path program(Path folder, String name, boolean executable) throws IOException {
    Path file = Files.writeString(Files.createDirectories(folder).resolve(name), "#!/bin/sh\nexit 0\n");
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    return file;
  }

  @Test
  void theFirstFolderOnThePathThatHoldsTheProgramWins() throws Exception {
    Path first = program(dir.resolve("a"), "notify-send", true);
    program(dir.resolve("b"), "notify-send", true);
    Path empty = Files.createDirectories(dir.resolve("none"));

    assertThat(POSIX.find("notify-send", empty + ":" + dir.resolve("a") + ":" + dir.resolve("b"))).contains(first);
  }

  @Test
  void aFileThatCannotRunOrAFolderOfThatNameIsNotTheProgram() throws Exception {
    program(dir.resolve("a"), "tool", false);
    Files.createDirectories(dir.resolve("b/tool"));
    Path runnable = program(dir.resolve("c"), "tool", true);

    assertThat(POSIX.find("tool", dir.resolve("a") + ":" + dir.resolve("b"))).isEmpty();
    assertThat(POSIX.find("tool", dir.resolve("a") + ":" + dir.resolve("b") + ":" + dir.resolve("c")))
        .contains(runnable);
  }

  @Test
  void aPathWrittenOutIsTakenAsItIsAndNotSearched() throws Exception {
    Path tool = program(dir.resolve("bin"), "tool", true);

    assertThat(POSIX.find(tool.toString(), "")).contains(tool);
    assertThat(POSIX.find(dir.resolve("bin/missing").toString(), dir.resolve("bin").toString())).isEmpty();
  }

  @Test
  void anEmptyPosixPathEntryIsTheCurrentFolderButAnEmptyPathIsNoFolder() throws Exception {
    String name = "tars-lookup-" + ProcessHandle.current().pid();
    Path here = Path.of("").toAbsolutePath();
    assumeTrue(Files.isWritable(here), "the test puts a program in the current folder");
    Path inCurrentFolder = program(here, name, true);
    try {
      Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
      Path found = Path.of(".", name);
      assertThat(POSIX.find(name, elsewhere + "::/nonexistent")).contains(found);
      assertThat(POSIX.find(name, ":" + elsewhere)).contains(found);
      assertThat(POSIX.find(name, elsewhere + ":")).contains(found);
      assertThat(POSIX.find(name, elsewhere.toString())).isEmpty();
      assertThat(POSIX.find(name, "")).isEmpty();
      assertThat(POSIX.find(name, null)).isEmpty();
      assertThat(WINDOWS.find(name, elsewhere + ";;")).as("Windows skips empty entries").isEmpty();
    } finally {
      Files.delete(inCurrentFolder);
    }
  }

  @Test
  void windowsTriesTheProgramEndings() throws Exception {
    Path cmd = program(dir.resolve("w"), "server.cmd", true);

    assertThat(WINDOWS.find("server", dir.resolve("w").toString())).contains(cmd);
    assertThat(POSIX.find("server", dir.resolve("w").toString())).isEmpty();
  }

  @Test
  void nothingToLookForFindsNothing() {
    assertThat(POSIX.find("", "/usr/bin")).isEmpty();
    assertThat(POSIX.find(null, "/usr/bin")).isEmpty();
    assertThat(POSIX.find("bad\0name", "/usr/bin")).isEmpty();
  }
}
