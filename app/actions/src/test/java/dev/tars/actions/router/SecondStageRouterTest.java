package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.FinishReason;
import dev.tars.testkit.core.ScriptedEngine;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the model is asked, what is kept of its answer, and when the first stage's answer stands. */
class SecondStageRouterTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  /** Command words without a command: the first stage is unsure. */
  private static final String UNSURE = "I must not forget the vet appointment tomorrow at 5";

  private static Router with(ChatEngine engine) {
    return Routers.withModel(() -> Optional.of(engine), Duration.ofSeconds(5));
  }

  @Test
  void theUnsureExampleIsUnsureInTheFirstStage() {
    assertThat(Routers.firstStage().route(UNSURE, NOW).confidence()).isLessThan(IntentRules.SURE);
  }

  @Test
  void aSureFirstStageNeverAsksTheModel() {
    ScriptedEngine engine = ScriptedEngine.answering("{\"intent\": \"none\", \"text\": \"\"}");
    Routed routed = with(engine).route("remind me to call mom at 5pm", NOW);
    assertThat(routed.intent()).isEqualTo(Intent.REMINDER_CREATE);
    assertThat(engine.requests()).isEmpty();
  }

  @Test
  void withoutALoadedModelTheFirstStageAnswers() {
    Routed routed = Routers.withModel(Optional::empty, Duration.ofSeconds(5)).route(UNSURE, NOW);
    assertThat(routed).isEqualTo(Routers.firstStage().route(UNSURE, NOW));
  }

  @Test
  void theModelChoosesTheIntentAndTheGrammarGivesTheDate() {
    ScriptedEngine engine = ScriptedEngine.answering(
        "{\"intent\": \"reminder.create\", \"text\": \"the vet appointment\"}");
    Routed routed = with(engine).route(UNSURE, NOW);
    assertThat(routed.intent()).isEqualTo(Intent.REMINDER_CREATE);
    assertThat(routed.slots()).containsEntry("text", "the vet appointment").containsEntry("when", "2026-12-03T17:00");
    assertThat(routed.confidence()).isEqualTo(SecondStageRouter.MODEL_CONFIDENCE);
    assertThat(engine.requests()).singleElement().satisfies(request -> {
      assertThat(request.responseSchema()).isEqualTo(SecondStageRouter.SCHEMA).contains("reminder.create");
      assertThat(request.sampling().temperature()).isZero();
      assertThat(request.messages().getLast().content()).isEqualTo(UNSURE);
    });
  }

  @Test
  void wordsTheModelMadeUpAreReplacedByThePersonsOwn() {
    ScriptedEngine engine = ScriptedEngine.answering(
        "{\"intent\": \"reminder.create\", \"text\": \"buy a yacht in Monaco\"}");
    Routed routed = with(engine).route(UNSURE, NOW);
    assertThat(routed.slots().get("text")).contains("vet appointment").doesNotContain("yacht");
  }

  @Test
  void theModelMaySayNone() {
    Routed routed = with(ScriptedEngine.answering("{\"intent\": \"none\", \"text\": \"\"}")).route(UNSURE, NOW);
    assertThat(routed.intent()).isEqualTo(Intent.NONE);
    assertThat(routed.slots()).isEmpty();
  }

  @Test
  void invalidAnswersLeaveTheFirstStagesAnswer() {
    Routed first = Routers.firstStage().route(UNSURE, NOW);
    for (String answer : new String[] {"not json", "{\"intent\": \"calendar.delete\", \"text\": \"x\"}",
        "{\"text\": \"x\"}", "{\"intent\": 42}", "", "{\"intent\": \"note.create\", \"text\": "}) {
      assertThat(with(ScriptedEngine.answering(answer)).route(UNSURE, NOW)).as(answer).isEqualTo(first);
    }
    ScriptedEngine cut = ScriptedEngine.answering("{\"intent\": \"note.create\"")
        .finishingWith(FinishReason.LENGTH);
    assertThat(with(cut).route(UNSURE, NOW)).isEqualTo(first);
  }

  @Test
  void aSlowModelIsCancelledAndTheFirstStageAnswers() {
    ScriptedEngine engine = ScriptedEngine.answering("").neverAnswering();
    Router router = Routers.withModel(() -> Optional.of(engine), Duration.ofMillis(200));
    long start = System.nanoTime();
    Routed routed = router.route(UNSURE, NOW);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(routed).isEqualTo(Routers.firstStage().route(UNSURE, NOW));
    assertThat(engine.cancellations()).isEqualTo(1);
  }

  @Test
  void groundedMeansMostlyThePersonsWords() {
    assertThat(SecondStageRouter.grounded("call mom", "remind me to call mom at 5")).isTrue();
    assertThat(SecondStageRouter.grounded("llamar a mamá", "recuerdame llamar a mama")).isTrue();
    assertThat(SecondStageRouter.grounded("order pizza now", "remind me to call mom")).isFalse();
    assertThat(SecondStageRouter.grounded("", "anything")).isFalse();
  }
}
