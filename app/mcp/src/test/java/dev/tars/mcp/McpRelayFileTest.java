package dev.tars.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpRelayFileTest {
  @TempDir Path home;

  @Test
  void writtenForItsOwnerOnlyAndReadBackAsWritten() throws Exception {
    McpRelayFile mine = McpRelayFile.ofThisProcess(45123, McpRelayFile.newSecret());
    mine.write(home);
    assertThat(McpRelayFile.read(home)).contains(mine);
    assertThat(mine.holderAlive()).isTrue();
    assertThat(mine.baseUrl()).isEqualTo("http://127.0.0.1:45123");
    if (PrivateFiles.posix(home)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(McpRelayFile.in(home))))
          .isEqualTo("rw-------");
    }
    assertThat(mine.toString()).doesNotContain(mine.secret());
  }

  @Test
  void aFileOfAProcessThatEndedIsStale() throws Exception {
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new McpRelayFile(45123, McpRelayFile.newSecret(), gone.pid(), 0).holderAlive()).isFalse();
  }

  @Test
  void aReusedProcessIdWithAnotherStartTimeIsStale() {
    McpRelayFile mine = McpRelayFile.ofThisProcess(45123, McpRelayFile.newSecret());
    assertThat(new McpRelayFile(mine.port(), mine.secret(), mine.pid(), mine.processStart() - 60_000).holderAlive())
        .isFalse();
  }

  @Test
  void removedOnlyWhileItIsStillThisEntry() throws Exception {
    McpRelayFile old = McpRelayFile.ofThisProcess(45123, McpRelayFile.newSecret());
    McpRelayFile newer = McpRelayFile.ofThisProcess(45124, McpRelayFile.newSecret());
    newer.write(home);
    old.removeFrom(home);
    assertThat(McpRelayFile.read(home)).contains(newer);
    newer.removeFrom(home);
    assertThat(McpRelayFile.read(home)).isEmpty();
  }

  @Test
  void anUnreadableFileIsIgnored() throws Exception {
    Files.writeString(McpRelayFile.in(home), "{\"port\": \"not a port\"");
    assertThat(McpRelayFile.read(home)).isEmpty();
  }
}
