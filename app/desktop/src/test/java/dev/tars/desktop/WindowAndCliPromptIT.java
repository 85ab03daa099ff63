package dev.tars.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.cli.TarsCli;
import dev.tars.config.AppPaths;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.desktop.shell.MainViewModel;
import dev.tars.engine.ChatRequest;
import dev.tars.memory.MemoryScope;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectChats;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.ScriptedEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The window and {@code tars ask} put the same prompt together for the same question in the same project:
 * one runtime wiring, real H2, real memory selection. The window's side runs its view models (no screen)
 * with a recording engine; the CLI's side answers with the generated GGUF model on real llama.cpp, the engine
 * chosen in the app (no {@code --model}).
 */
class WindowAndCliPromptIT {
  private static final String QUESTION = "Which database do we run?";
  @TempDir Path home;

  @AfterEach
  void clearHome() {
    System.clearProperty("tars.home");
  }

  @Test
  void theWindowAndTheCommandLineSendTheSamePromptForTheSameQuestion() throws Exception {
    List<ChatRequest> windowRequests = new CopyOnWriteArrayList<>();
    AppPaths paths = new AppPaths(home);
    try (TarsRuntime runtime = TarsRuntime.open(RuntimeOptions.of(paths, "test")
        .withEngineFactory((settings, sink) -> new ScriptedEngine("PostgreSQL.", 0).onGenerate(windowRequests::add)))) {
      runtime.settings().save(runtime.settings().get().withModelPath(TestModels.tiny().toString())
          .withLanguage("en"));
      Project acme = runtime.memory().projects().create("Acme");
      runtime.memory().projects().setInstructions(acme.id(), "Answer in one short sentence.");
      runtime.memory().memories().add(MemoryScope.project(acme.id()), "Acme runs PostgreSQL 16", true);
      runtime.memory().memories().add(MemoryScope.GLOBAL, "Prefers metric units", true);

      // As DesktopShell puts the window together, with the Acme project chosen in the switcher.
      ProjectChats windowChats = new ProjectChats(runtime.chats(), runtime.memory().projects());
      windowChats.setProject(acme.id());
      TestUi ui = new TestUi();
      MainViewModel window = new MainViewModel(windowChats, runtime.settings(), runtime.engines(), ui.background(),
          I18n.forLanguage("en"));
      window.start();
      runtime.engines().awaitReady(Duration.ofSeconds(10));
      window.chat().inputProperty().set(QUESTION);
      assertThat(window.chat().send()).isTrue();
      ui.runUntil(() -> !windowRequests.isEmpty() && window.chat().state() != dev.tars.desktop.chat.ChatViewModel
          .State.GENERATING, Duration.ofSeconds(20));
    }

    System.setProperty("tars.home", home.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TarsCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("ask", "--project", "Acme", "--json", "--max-tokens", "8", QUESTION);

    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    JsonNode answer = new ObjectMapper().readTree(out.toString());
    List<String> cliPrompt = new ArrayList<>();
    answer.get("prompt").forEach(m -> cliPrompt.add(m.get("role").asText() + ": " + m.get("content").asText()));
    List<String> windowPrompt = windowRequests.getFirst().messages().stream()
        .map(m -> m.role().wireName() + ": " + m.content()).toList();
    assertThat(cliPrompt).isEqualTo(windowPrompt);
    assertThat(cliPrompt.getFirst()).startsWith("system: ")
        .contains("Answer in one short sentence.", "Acme runs PostgreSQL 16", "Prefers metric units");
    assertThat(cliPrompt.getLast()).isEqualTo("user: " + QUESTION);
    assertThat(answer.get("project").asText()).isEqualTo("Acme");
  }
}
