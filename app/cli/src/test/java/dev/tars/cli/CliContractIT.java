package dev.tars.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.testkit.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command-line contract other programs rely on ({@code models use}, {@code projects}, {@code memory add},
 * {@code ask --project --json}), on a real data home and the generated GGUF model on real llama.cpp.
 */
class CliContractIT {
  @TempDir Path home;

  private record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void useHome() {
    System.setProperty("tars.home", home.resolve("data").toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("tars.home");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TarsCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void askWithoutAChosenModelSaysInOneLineHowToChooseOne() {
    Run run = run("ask", "What is a GGUF file?");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tars: No model is chosen yet").contains("tars models use");
  }

  @Test
  void aChosenModelAnswersInsideAProjectWithItsInstructionsAndMemories() throws Exception {
    assertThat(run("models", "use", TestModels.tiny().toString()).exitCode()).isZero();
    Run added = run("projects", "add", "Acme", "--instructions", "Answer in one short sentence.");
    assertThat(added.exitCode()).isZero();
    assertThat(added.out()).contains("Added project Acme");
    assertThat(run("projects", "list").out()).contains("Acme", "Answer in one short sentence.");
    assertThat(run("memory", "add", "Acme runs PostgreSQL 16", "--pin", "--project", "Acme").exitCode()).isZero();

    Run asked = run("ask", "--project", "Acme", "--json", "--max-tokens", "8", "--threads", "1", "Which database?");

    assertThat(asked.err()).isEmpty();
    assertThat(asked.exitCode()).isZero();
    JsonNode answer = new ObjectMapper().readTree(asked.out());
    assertThat(answer.get("model").asText()).isEqualTo(TestModels.tiny().getFileName().toString());
    assertThat(answer.get("answer").isTextual()).isTrue();
    JsonNode prompt = answer.get("prompt");
    assertThat(prompt.get(0).get("role").asText()).isEqualTo("system");
    assertThat(prompt.get(0).get("content").asText())
        .contains("Answer in one short sentence.", "Acme runs PostgreSQL 16");
    assertThat(prompt.get(prompt.size() - 1).get("content").asText()).isEqualTo("Which database?");
    assertThat(answer.get("sources").findValuesAsText("kind")).contains("project", "memory");
  }

  @Test
  void anUnknownProjectOrModelIsOneLineNamingWhatExists() {
    assertThat(run("projects", "add", "Acme").exitCode()).isZero();

    Run project = run("ask", "--project", "Nope", "hello");
    assertThat(project.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(project.err()).startsWith("tars: There is no project called \"Nope\"").contains("Acme");

    Run model = run("models", "use", "no-such-model");
    assertThat(model.exitCode()).isNotZero();
    assertThat(model.err()).startsWith("tars: There is no model called no-such-model");
  }
}
