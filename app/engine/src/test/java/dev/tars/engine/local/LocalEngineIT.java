package dev.tars.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.Sampling;
import dev.tars.engine.gguf.BadModelFileException;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.EngineStatus.State;
import dev.tars.testkit.GgufWriter;
import dev.tars.testkit.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEngineIT {
  @TempDir Path dir;

  private LocalEngine newEngine() {
    return new LocalEngine(LocalEngine.Options.defaults(dir.resolve("tmp")).withMaxContextLength(2048).withThreads(2)
        .withHealthInterval(Duration.ofSeconds(1)));
  }

  private static ChatRequest ask(String text, int maxTokens) {
    return new ChatRequest(List.of(ChatMessage.user(text)), new Sampling(0.7, 0.95, maxTokens));
  }

  @Test
  void killingTheEngineMidAnswerKeepsThePartialTextAndTheNextAnswerComesFromARestartedEngine() throws Exception {
    List<State> states = new CopyOnWriteArrayList<>();
    try (LocalEngine engine = newEngine()) {
      engine.addStatusListener(s -> states.add(s.state()));
      engine.load(TestModels.tiny());
      assertThat(engine.awaitReady(Duration.ofSeconds(60))).isTrue();
      long firstPid = engine.processId().orElseThrow();

      List<String> deltas = new CopyOnWriteArrayList<>();
      CountDownLatch streaming = new CountDownLatch(3);
      Generation generation = engine.generate(ask("tell me everything", 1900), text -> {
        deltas.add(text);
        streaming.countDown();
      });
      assertThat(streaming.await(30, TimeUnit.SECONDS)).isTrue();
      ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
      Completion crashed = generation.result().get(10, TimeUnit.SECONDS);

      assertThat(crashed.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(crashed.text()).isNotEmpty().isEqualTo(String.join("", deltas));
      assertThat(crashed.error().getMessage()).contains("partial answer was kept");

      Completion next = engine.generate(ask("are you back?", 4), text -> {}).result().get(60, TimeUnit.SECONDS);
      assertThat(next.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(engine.processId().orElseThrow()).isNotEqualTo(firstPid);
      assertThat(states).containsSubsequence(State.LOADING, State.READY, State.RESTARTING, State.READY);
    }
  }

  @Test
  void eachBadModelFileIsRefusedBeforeAnyProcessStartsWithItsOwnMessage() throws Exception {
    try (LocalEngine engine = newEngine()) {
      assertRefused(engine, TestModels.missing(dir), "not found");
      assertRefused(engine, TestModels.empty(dir), "empty");
      assertRefused(engine, TestModels.notGguf(dir), "not a GGUF model file");
      assertRefused(engine, TestModels.truncated(dir), "truncated");
      assertRefused(engine, TestModels.unsupportedArchitecture(dir), "unsupported architecture 'foobar'");
      assertThat(engine.status().state()).isEqualTo(State.NONE);
      assertThat(engine.processId()).isEmpty();
      assertThatThrownBy(engine::model).isInstanceOf(EngineException.class).hasMessageContaining("choose a GGUF");
    }
  }

  private static void assertRefused(LocalEngine engine, Path file, String reason) {
    assertThatThrownBy(() -> engine.load(file))
        .isInstanceOf(BadModelFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void modelThatLlamaCppCannotLoadEndsFailedWithTheReason() throws Exception {
    Path noTensors = dir.resolve("no-tensors.gguf");
    new GgufWriter().putString("general.architecture", "llama").putUint32("llama.context_length", 512)
        .write(noTensors);
    List<EngineStatus> statuses = new CopyOnWriteArrayList<>();
    try (LocalEngine engine = newEngine()) {
      engine.addStatusListener(statuses::add);
      engine.load(noTensors);

      assertThatThrownBy(engine::model).isInstanceOf(EngineException.class)
          .hasMessageContaining("Could not load no-tensors.gguf");
      EngineStatus last = statuses.getLast();
      assertThat(last.state()).isEqualTo(State.FAILED);
      assertThat(last.detail()).contains("no-tensors.gguf").doesNotContain("\n");
      // A front end can say it in the person's language: the key and the file, with the child's own reason.
      assertThat(last.key()).isEqualTo("loadFailed");
      assertThat(last.args()).hasSize(2).first().isEqualTo("no-tensors.gguf");
      Completion completion = engine.generate(ask("hello", 3), text -> {}).result().get(10, TimeUnit.SECONDS);
      assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
    }
  }

  @Test
  void switchingModelsReplacesTheProcessAndCloseStopsItWithinSeconds() throws Exception {
    Path second = Files.copy(TestModels.tiny(), dir.resolve("second.gguf"));
    LocalEngine engine = newEngine();
    try {
      engine.load(TestModels.tiny());
      assertThat(engine.awaitReady(Duration.ofSeconds(60))).isTrue();
      ProcessHandle first = ProcessHandle.of(engine.processId().orElseThrow()).orElseThrow();

      engine.load(second);

      assertThat(engine.model().id()).isEqualTo("second.gguf");
      assertThat(first.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
      ProcessHandle current = ProcessHandle.of(engine.processId().orElseThrow()).orElseThrow();
      long start = System.nanoTime();
      engine.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(current.isAlive()).isFalse();
      assertThat(engine.status().state()).isEqualTo(State.NONE);
    } finally {
      engine.close();
    }
  }
}
