package dev.tars.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.engine.TokenSink;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerMetricsTest {
  @TempDir Path home;
  private final AtomicLong nanos = new AtomicLong();

  /** Streams its words synchronously, advancing the fake clock: 300 ms before the first, 100 ms per word after. */
  private final class SteppedEngine implements ChatEngine {
    final int reportedTokens;
    final FinishReason finish;

    SteppedEngine(int reportedTokens, FinishReason finish) {
      this.reportedTokens = reportedTokens;
      this.finish = finish;
    }

    @Override
    public ModelInfo model() {
      return new ModelInfo("tiny.gguf", 2048);
    }

    @Override
    public int countTokens(List<ChatMessage> messages) {
      return messages.size();
    }

    @Override
    public Generation generate(ChatRequest request, TokenSink sink) {
      nanos.addAndGet(300_000_000);
      List<String> words = List.of("one ", "two ", "three ", "four ", "five");
      for (int i = 0; i < words.size(); i++) {
        if (i > 0) {
          nanos.addAndGet(100_000_000);
        }
        sink.accept(words.get(i));
      }
      Completion done = new Completion(String.join("", words), finish, 10, reportedTokens, null);
      return new Generation() {
        @Override
        public void cancel() {}

        @Override
        public CompletableFuture<Completion> result() {
          return CompletableFuture.completedFuture(done);
        }
      };
    }

    @Override
    public void close() {}
  }

  private List<String> streamed(ChatEngine engine) {
    List<String> seen = new ArrayList<>();
    engine.generate(new ChatRequest(List.of(new ChatMessage(Role.USER, "count")), Sampling.DEFAULTS), seen::add);
    return seen;
  }

  @Test
  void eachAnswerRecordsTimeToFirstTokenAndTokensPerSecondAfterIt() throws Exception {
    try (Database db = TestDatabase.open(home)) {
      Metrics metrics = new Metrics(db.dataSource(), Clock.systemUTC());
      AnswerMetrics metered = new AnswerMetrics(() -> new SteppedEngine(-1, FinishReason.STOP), metrics, nanos::get);

      List<String> seen = streamed(metered.engine());

      assertThat(seen).containsExactly("one ", "two ", "three ", "four ", "five");
      assertThat(metrics.series(Metrics.TIME_TO_FIRST_TOKEN_MS, Instant.EPOCH, 10))
          .singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(300.0);
            assertThat(s.label()).isEqualTo("tiny.gguf");
          });
      // Four tokens after the first in 400 ms.
      assertThat(metrics.series(Metrics.TOKENS_PER_SECOND, Instant.EPOCH, 10))
          .singleElement().satisfies(s -> assertThat(s.value()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9)));
    }
  }

  @Test
  void theEnginesTokenCountWinsOverCountedEventsAndFailedAnswersAreNotRecorded() throws Exception {
    try (Database db = TestDatabase.open(home)) {
      Metrics metrics = new Metrics(db.dataSource(), Clock.systemUTC());
      streamed(new AnswerMetrics(() -> new SteppedEngine(9, FinishReason.LENGTH), metrics, nanos::get).engine());
      streamed(new AnswerMetrics(() -> new SteppedEngine(9, FinishReason.ERROR), metrics, nanos::get).engine());

      assertThat(metrics.series(Metrics.TOKENS_PER_SECOND, Instant.EPOCH, 10))
          .singleElement().satisfies(s -> assertThat(s.value()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9)));
    }
  }
}
