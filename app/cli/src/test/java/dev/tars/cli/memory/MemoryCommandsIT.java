package dev.tars.cli.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The memory, find, export and import commands on a real data home. */
class MemoryCommandsIT {
  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void useHome() {
    System.setProperty("tars.home", home.resolve("data").toString());
  }

  @AfterEach
  void clear() {
    System.clearProperty("tars.home");
  }

  private int run(Object command, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    line.setExecutionExceptionHandler((e, cl, parsed) -> {
      cl.getErr().println("tars: " + e.getMessage());
      return 1;
    });
    return line.execute(args);
  }

  @Test
  void rememberFindExportAndImportThroughTheCommandLine() throws Exception {
    Path chatgpt = home.resolve("conversations.json");
    Files.writeString(chatgpt, "[{\"title\": \"Oslo trip\", \"create_time\": 1714550400, \"mapping\": {\"a\":"
        + " {\"parent\": null, \"children\": [], \"message\": {\"author\": {\"role\": \"user\"},"
        + " \"content\": {\"parts\": [\"Packing for a fjord cruise\"]}}}}}]");
    assertThat(run(new ImportCommand(), chatgpt.toString())).isZero();
    assertThat(out.toString()).contains("Imported 1 conversation(s) and 0 memories from a ChatGPT export");

    assertThat(run(new MemoryCommand(), "add", "Prefers fjord cruises", "--pin")).isZero();
    assertThat(run(new MemoryCommand())).isZero();
    assertThat(out.toString()).contains("* everywhere", "Prefers fjord cruises");

    assertThat(run(new FindCommand(), "fjord")).isZero();
    assertThat(out.toString()).contains("[fjord] cruise", "Prefers [fjord] cruises", "Oslo trip");

    Path md = home.resolve("default.md");
    assertThat(run(new ExportCommand(), "--project", "default", md.toString())).isZero();
    assertThat(Files.readString(md)).contains("# Default", "## Oslo trip", "Packing for a fjord cruise");
  }

  @Test
  void badInputsGiveOneClearLine() throws Exception {
    Path broken = home.resolve("broken.json");
    Files.writeString(broken, "{\"format\": \"tars-export\", \"version\": 1, \"conversations\": [");
    assertThat(run(new ImportCommand(), broken.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("tars: broken.json is not valid JSON").contains("Nothing was imported");

    assertThat(run(new ExportCommand(), "--project", "Nope", home.resolve("x.json").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("There is no project called \"Nope\". Known: Default");
  }
}
