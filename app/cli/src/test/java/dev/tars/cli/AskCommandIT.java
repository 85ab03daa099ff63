package dev.tars.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.testkit.TestModels;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a person uses it, on real llama.cpp with a generated model. */
class AskCommandIT {
  @TempDir Path dir;
  @RegisterExtension final CliHome cli = new CliHome(() -> dir.resolve("data"));

  @Test
  void askStreamsAnAnswerAndExitsZero() {
    CliRun run = CliRun.tars("ask", "--model", TestModels.tiny().toString(), "--max-tokens", "16", "--threads", "1",
        "What", "is", "Tars?");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isNotEmpty();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void askWithNotesGivesTheModelTheMatchingNoteAndCitesIt() {
    assertThat(CliRun.tars("note", "add", "El código del portal es 4512").exitCode()).isZero();

    CliRun run = CliRun.tars("ask", "--notes", "--json", "--model", TestModels.tiny().toString(), "--max-tokens", "4",
        "--threads", "1", "¿Cuál es el código del portal?");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"kind\":\"knowledge\",\"label\":\"[1] Note: El código del portal es 4512\"")
        .contains("[1] Note: El código del portal es 4512\\nEl código del portal es 4512");
  }

  @Test
  void eachBadModelFileGivesOneLineNamingTheFileAndTheReason() throws Exception {
    record Case(String name, Function<Path, Path> make, String reason) {}
    var cases = new Case[] {
        new Case("missing", TestModels::missing, "not found"),
        new Case("empty", d -> unchecked(() -> TestModels.empty(d)), "empty"),
        new Case("not gguf", d -> unchecked(() -> TestModels.notGguf(d)), "not a GGUF model file"),
        new Case("truncated", d -> unchecked(() -> TestModels.truncated(d)), "truncated"),
        new Case("unsupported", d -> unchecked(() -> TestModels.unsupportedArchitecture(d)), "architecture"),
    };
    for (Case c : cases) {
      Path file = c.make().apply(dir);
      CliRun run = CliRun.tars("ask", "--model", file.toString(), "hello");

      assertThat(run.exitCode()).as(c.name()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err().strip().lines()).as(c.name()).hasSize(1);
      assertThat(run.err()).as(c.name()).startsWith("tars: ").contains(file.getFileName().toString())
          .containsIgnoringCase(c.reason()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void helpAndVersionWork() {
    assertThat(CliRun.tars("--version").out()).startsWith("Tars ");
    CliRun help = CliRun.tars("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("ask");
  }

  private interface IoSupplier<T> {
    T get() throws Exception;
  }

  private static <T> T unchecked(IoSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
