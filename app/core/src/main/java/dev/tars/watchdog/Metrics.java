package dev.tars.watchdog;

import dev.tars.storage.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples for the dashboard. Events (answers, engine restarts) are kept in H2 ({@code metric_sample}); gauges
 * sampled every minute (memory, index size) are kept in memory only, for the last {@link #GAUGE_SAMPLES}
 * samples, so that an idle app does not write to its database and so never needs a new backup. Backup
 * history is the backup folder itself. Recording never throws (a lost sample must not break a chat answer).
 * Thread-safe.
 */
public final class Metrics {
  private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

  public static final String TOKENS_PER_SECOND = "answer.tokens_per_second";
  public static final String TIME_TO_FIRST_TOKEN_MS = "answer.time_to_first_token_ms";
  public static final String APP_MEMORY_BYTES = "memory.app_bytes";
  public static final String ENGINE_MEMORY_BYTES = "memory.engine_bytes";
  public static final String INDEX_BYTES = "index.bytes";
  public static final String INDEX_DOCUMENTS = "index.documents";
  public static final String ENGINE_RESTARTS = "engine.restart";
  /** One day of one-minute samples. */
  public static final int GAUGE_SAMPLES = 1440;

  private final java.util.Map<String, java.util.ArrayDeque<Sample>> gauges = new java.util.concurrent.ConcurrentHashMap<>();

  private final Jdbc jdbc;
  private final Clock clock;

  public Metrics(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /** One sample taken at some point in time. */
  public record Sample(Instant at, double value, String label) {}

  /** A finished answer: generation speed and how long the person waited for the first token. */
  public void answer(double tokensPerSecond, Duration timeToFirstToken, String model) {
    record(TOKENS_PER_SECOND, tokensPerSecond, model);
    record(TIME_TO_FIRST_TOKEN_MS, timeToFirstToken.toMillis(), model);
  }

  /** Memory of the app and of the engine child ({@code -1} when none runs). */
  public void memory(long appBytes, long engineBytes) {
    gauge(APP_MEMORY_BYTES, appBytes);
    if (engineBytes >= 0) {
      gauge(ENGINE_MEMORY_BYTES, engineBytes);
    }
  }

  public void index(long bytes, long documents) {
    gauge(INDEX_BYTES, bytes);
    gauge(INDEX_DOCUMENTS, documents);
  }

  /** Adds an in-memory sample; the oldest goes once {@link #GAUGE_SAMPLES} are kept. */
  public void gauge(String name, double value) {
    java.util.ArrayDeque<Sample> ring = gauges.computeIfAbsent(name, n -> new java.util.ArrayDeque<>());
    synchronized (ring) {
      if (ring.size() >= GAUGE_SAMPLES) {
        ring.pollFirst();
      }
      ring.addLast(new Sample(clock.instant(), value, null));
    }
  }

  public void engineRestart(String reason) {
    record(ENGINE_RESTARTS, 1, reason);
  }

  public void record(String name, double value, String label) {
    try {
      jdbc.update("INSERT INTO metric_sample (name, at, val, label) VALUES (?, ?, ?, ?)", name,
          OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), value,
          label == null ? null : label.length() > 200 ? label.substring(0, 200) : label);
    } catch (RuntimeException e) {
      LOG.warn("Metric {} not recorded: {}", name, e.getMessage());
    }
  }

  /** Samples of one metric since {@code since}, oldest first, at most {@code limit} (the newest ones). */
  public List<Sample> series(String name, Instant since, int limit) {
    java.util.ArrayDeque<Sample> ring = gauges.get(name);
    if (ring != null) {
      synchronized (ring) {
        List<Sample> recent = ring.stream().filter(s -> !s.at().isBefore(since)).toList();
        return recent.subList(Math.max(0, recent.size() - limit), recent.size());
      }
    }
    List<Sample> newestFirst = jdbc.query("SELECT at, val, label FROM metric_sample WHERE name = ? AND at >= ?"
        + " ORDER BY at DESC, id DESC LIMIT ?", r -> new Sample(r.getObject(1, OffsetDateTime.class).toInstant(),
            r.getDouble(2), r.getString(3)), name, OffsetDateTime.ofInstant(since, ZoneOffset.UTC), limit);
    return newestFirst.reversed();
  }

  /** Removes samples older than {@code age}; returns how many. */
  public int prune(Duration age) {
    return jdbc.update("DELETE FROM metric_sample WHERE at < ?",
        OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC));
  }
}
