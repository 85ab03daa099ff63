package dev.tars.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatEngine} must do, run against real llama.cpp on the tiny test model (context 2048).
 * Subclasses provide the engine; it is shared by the tests of one class.
 */
public abstract class ChatEngineContract {
  protected static final Duration ANSWER_BOUND = Duration.ofSeconds(30);

  protected abstract ChatEngine engine();

  protected static ChatRequest ask(String question, int maxTokens) {
    return new ChatRequest(List.of(ChatMessage.system("You are Tars."), ChatMessage.user(question)),
        new Sampling(0.7, 0.95, maxTokens));
  }

  protected static Completion await(Generation generation) throws Exception {
    return generation.result().get(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void reportsTheModelAndItsContextWindow() throws Exception {
    ModelInfo model = engine().model();
    assertThat(model.id()).isNotBlank();
    assertThat(model.contextLength()).isEqualTo(2048);
  }

  @Test
  void streamsTextInOrderAndTheResultHoldsAllOfIt() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    Completion completion = await(engine().generate(ask("hello, how are you?", 12), deltas::add));

    assertThat(completion.error()).isNull();
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(completion.text()).isEqualTo(String.join("", deltas)).isNotBlank();
    assertThat(completion.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
  }

  @Test
  void maxTokensEndsTheAnswerWithLength() throws Exception {
    Completion completion = await(engine().generate(ask("tell me a long story", 5), text -> {}));

    assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(completion.completionTokens()).isEqualTo(5);
    assertThat(completion.promptTokens()).isGreaterThan(5);
  }

  @Test
  void cancelStopsPromptlyAndKeepsThePartialText() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(3);
    Generation generation = engine().generate(ask("tell me everything", 1900), text -> {
      deltas.add(text);
      started.countDown();
    });
    assertThat(started.await(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    generation.cancel();
    Completion completion = generation.result().get(2, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(completion.text()).isEqualTo(String.join("", deltas)).isNotEmpty();
    assertThat(completion.error()).isNull();

    Completion next = await(engine().generate(ask("and now?", 3), text -> {}));
    assertThat(next.finishReason()).as("the engine answers again after a cancel").isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void tokenCountGrowsWithTheHistory() throws Exception {
    List<ChatMessage> oneTurn = List.of(ChatMessage.user("hello the world"));
    List<ChatMessage> threeTurns = List.of(ChatMessage.user("hello the world"),
        ChatMessage.assistant("hello to you"), ChatMessage.user("what is the time"));

    int one = engine().countTokens(oneTurn);
    int three = engine().countTokens(threeTurns);

    assertThat(one).isGreaterThan(3);
    assertThat(three).isGreaterThan(one + 6);
  }

  @Test
  void promptLongerThanTheContextEndsInAnErrorNotAnException() throws Exception {
    ChatRequest tooLong = ask("hello ".repeat(2500), 5);

    Completion completion = await(engine().generate(tooLong, text -> {}));

    assertThat(completion.finishReason()).isEqualTo(FinishReason.ERROR);
    assertThat(completion.error()).isNotNull();
    assertThat(completion.error().getMessage()).contains("context window");
  }
}
