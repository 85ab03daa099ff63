package dev.tars.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.testkit.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract other programs rely on ({@code models use}, {@code projects}, {@code memory add},
 * {@code ask --project --json}), on a real data home and the generated GGUF model on real llama.cpp.
 */
class CliContractIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home.resolve("data"));

  @Test
  void askWithoutAChosenModelSaysInOneLineHowToChooseOne() {
    CliRun run = CliRun.tars("ask", "What is a GGUF file?");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tars: No model is chosen yet").contains("tars models use");
  }

  @Test
  void aChosenModelAnswersInsideAProjectWithItsInstructionsAndMemories() throws Exception {
    assertThat(CliRun.tars("models", "use", TestModels.tiny().toString()).exitCode()).isZero();
    CliRun added = CliRun.tars("projects", "add", "Acme", "--instructions", "Answer in one short sentence.");
    assertThat(added.exitCode()).isZero();
    assertThat(added.out()).contains("Added project Acme");
    assertThat(CliRun.tars("projects", "list").out()).contains("Acme", "Answer in one short sentence.");
    assertThat(CliRun.tars("memory", "add", "Acme runs PostgreSQL 16", "--pin", "--project", "Acme").exitCode())
        .isZero();

    CliRun asked = CliRun.tars("ask", "--project", "Acme", "--json", "--max-tokens", "8", "--threads", "1",
        "Which database?");

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
    assertThat(CliRun.tars("projects", "add", "Acme").exitCode()).isZero();

    CliRun project = CliRun.tars("ask", "--project", "Nope", "hello");
    assertThat(project.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(project.err()).startsWith("tars: There is no project called \"Nope\"").contains("Acme");

    CliRun model = CliRun.tars("models", "use", "no-such-model");
    assertThat(model.exitCode()).isNotZero();
    assertThat(model.err()).startsWith("tars: There is no model called no-such-model");
  }
}
