package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import dev.tars.testkit.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second stage through the real engine child on the generated random-weight model: its choice is random,
 * but the schema grammar must make every answer parse and validate.
 */
class SecondStageRouterIT {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  @TempDir Path dir;

  @Test
  void theSchemaGrammarMakesEvenARandomModelChooseAValidIntent() throws Exception {
    try (LocalEngine engine = new LocalEngine(LocalEngine.Options.defaults(dir.resolve("tmp"))
        .withMaxContextLength(2048).withThreads(2).withHealthInterval(Duration.ofSeconds(1)))) {
      engine.load(TestModels.tiny());
      assertThat(engine.awaitReady(Duration.ofSeconds(60))).isTrue();

      for (String utterance : List.of("I must not forget the vet appointment tomorrow at 5",
          "no puedo olvidar la cita del veterinario mañana a las 5")) {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user(utterance)), new Sampling(0.8, 1.0, 200),
            List.of(), SecondStageRouter.SCHEMA);
        Completion completion = engine.generate(request, token -> {}).result().get(120, TimeUnit.SECONDS);
        assertThat(completion.finishReason()).as(completion.text()).isEqualTo(FinishReason.STOP);
        Routed first = Routers.firstStage().route(utterance, NOW);
        Optional<Routed> chosen = SecondStageRouter.fromAnswer(completion.text(), utterance, NOW, first);
        assertThat(chosen).as(completion.text()).isPresent();

        Routed routed = Routers.withModel(() -> Optional.of(engine), Duration.ofSeconds(120)).route(utterance, NOW);
        assertThat(routed.confidence()).isEqualTo(SecondStageRouter.MODEL_CONFIDENCE);
        assertThat(routed.lang()).isEqualTo(first.lang());
        if (routed.intent() == Intent.REMINDER_CREATE) {
          assertThat(routed.slots()).containsEntry("when", "2026-12-03T17:00");
        }
      }
    }
  }
}
