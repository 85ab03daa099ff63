package dev.tars.cli.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.cli.CliHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The memory, find, export and import commands on a real data home. */
class MemoryCommandsIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home.resolve("data"));

  @Test
  void rememberFindExportAndImportThroughTheCommandLine() throws Exception {
    Path chatgpt = home.resolve("conversations.json");
    Files.writeString(chatgpt, "[{\"title\": \"Oslo trip\", \"create_time\": 1714550400, \"mapping\": {\"a\":"
        + " {\"parent\": null, \"children\": [], \"message\": {\"author\": {\"role\": \"user\"},"
        + " \"content\": {\"parts\": [\"Packing for a fjord cruise\"]}}}}}]");
    assertThat(cli.run(new ImportCommand(), chatgpt.toString())).isZero();
    assertThat(cli.out()).contains("Imported 1 conversation(s) and 0 memories from a ChatGPT export");

    assertThat(cli.run(new MemoryCommand(), "add", "Prefers fjord cruises", "--pin")).isZero();
    assertThat(cli.run(new MemoryCommand())).isZero();
    assertThat(cli.out()).contains("* everywhere", "Prefers fjord cruises");

    assertThat(cli.run(new FindCommand(), "fjord")).isZero();
    assertThat(cli.out()).contains("[fjord] cruise", "Prefers [fjord] cruises", "Oslo trip");

    Path md = home.resolve("default.md");
    assertThat(cli.run(new ExportCommand(), "--project", "default", md.toString())).isZero();
    assertThat(Files.readString(md)).contains("# Default", "## Oslo trip", "Packing for a fjord cruise");
  }

  @Test
  void badInputsGiveOneClearLine() throws Exception {
    Path broken = home.resolve("broken.json");
    Files.writeString(broken, "{\"format\": \"tars-export\", \"version\": 1, \"conversations\": [");
    assertThat(cli.run(new ImportCommand(), broken.toString())).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: broken.json is not valid JSON").contains("Nothing was imported");

    assertThat(cli.run(new ExportCommand(), "--project", "Nope", home.resolve("x.json").toString())).isEqualTo(1);
    assertThat(cli.err()).contains("There is no project called \"Nope\". Known: Default");
  }
}
