package dev.tars.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.storage.Database;
import dev.tars.testkit.MutableClock;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
  @TempDir Path home;

  @Test
  void answersAreKeptInTheDatabaseAndGaugesInMemory() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    try (Database db = TestDatabase.open(home)) {
      Metrics metrics = new Metrics(db.dataSource(), clock);
      metrics.answer(42.5, Duration.ofMillis(180), "tiny");
      clock.advance(Duration.ofDays(40));
      metrics.answer(40.0, Duration.ofMillis(200), "tiny");
      for (int i = 0; i < Metrics.GAUGE_SAMPLES + 5; i++) {
        metrics.memory(1000 + i, -1);
      }

      assertThat(metrics.series(Metrics.TOKENS_PER_SECOND, Instant.EPOCH, 10))
          .extracting(Metrics.Sample::value).containsExactly(42.5, 40.0);
      assertThat(metrics.series(Metrics.TIME_TO_FIRST_TOKEN_MS, Instant.EPOCH, 1))
          .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(200.0));
      assertThat(metrics.series(Metrics.APP_MEMORY_BYTES, Instant.EPOCH, 10_000)).hasSize(Metrics.GAUGE_SAMPLES)
          .last().satisfies(s -> assertThat(s.value()).isEqualTo(1000.0 + Metrics.GAUGE_SAMPLES + 4));
      assertThat(metrics.series(Metrics.ENGINE_MEMORY_BYTES, Instant.EPOCH, 10)).isEmpty();

      assertThat(metrics.prune(Duration.ofDays(30))).isEqualTo(2);
      assertThat(metrics.series(Metrics.TOKENS_PER_SECOND, Instant.EPOCH, 10)).hasSize(1);
    }
  }
}
