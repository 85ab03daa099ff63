package dev.tars.backup;

import dev.tars.storage.Jdbc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackupConfig} stored in the {@code setting} table under {@code backup.*} names. An unreadable value
 * falls back to its default, like every other setting.
 */
public final class BackupSettings {
  private static final Logger LOG = LoggerFactory.getLogger(BackupSettings.class);
  static final String INTERVAL_MINUTES = "backup.intervalMinutes";
  static final String LAST = "backup.keepLast";
  static final String HOURLY = "backup.keepHourly";
  static final String DAILY = "backup.keepDaily";
  static final String WEEKLY = "backup.keepWeekly";
  static final String MIRROR = "backup.mirrorFolder";

  private final Jdbc jdbc;
  private volatile BackupConfig current;

  public BackupSettings(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
    this.current = load();
  }

  public BackupConfig get() {
    return current;
  }

  public synchronized void save(BackupConfig config) {
    Map<String, String> values = new HashMap<>();
    values.put(INTERVAL_MINUTES, Long.toString(config.interval().toMinutes()));
    values.put(LAST, Integer.toString(config.retention().last()));
    values.put(HOURLY, Integer.toString(config.retention().hourly()));
    values.put(DAILY, Integer.toString(config.retention().daily()));
    values.put(WEEKLY, Integer.toString(config.retention().weekly()));
    values.put(MIRROR, config.mirror().map(Path::toString).orElse(""));
    jdbc.inTransaction(c -> {
      for (Map.Entry<String, String> e : values.entrySet()) {
        try (var s = Jdbc.prepare(c, "MERGE INTO setting (name, content) KEY (name) VALUES (?, ?)", e.getKey(), e.getValue())) {
          s.executeUpdate();
        }
      }
      return null;
    });
    current = config;
  }

  private BackupConfig load() {
    Map<String, String> stored = new HashMap<>();
    jdbc.query("SELECT name, content FROM setting WHERE name LIKE 'backup.%'", r -> stored.put(r.getString(1), r.getString(2)));
    BackupConfig d = BackupConfig.DEFAULT;
    try {
      RetentionPolicy retention = new RetentionPolicy(
          number(stored, LAST, d.retention().last()),
          number(stored, HOURLY, d.retention().hourly()),
          number(stored, DAILY, d.retention().daily()),
          number(stored, WEEKLY, d.retention().weekly()));
      String mirror = stored.getOrDefault(MIRROR, "");
      return new BackupConfig(Duration.ofMinutes(number(stored, INTERVAL_MINUTES, (int) d.interval().toMinutes())),
          retention, mirror.isBlank() ? null : Path.of(mirror));
    } catch (IllegalArgumentException e) {
      LOG.warn("Stored backup settings are out of range ({}); using the defaults", e.getMessage());
      return d;
    }
  }

  private static int number(Map<String, String> stored, String name, int fallback) {
    String raw = stored.get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      LOG.warn("Ignoring unreadable setting {}={}", name, raw);
      return fallback;
    }
  }
}
