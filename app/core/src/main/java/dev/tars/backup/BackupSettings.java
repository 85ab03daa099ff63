package dev.tars.backup;

import dev.tars.config.HttpUrls;
import dev.tars.storage.Jdbc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackupConfig}, and the address problems are sent to (the watchdog's webhook), stored in the
 * {@code setting} table under {@code backup.*} names. An unreadable value falls back to its default, like every
 * other setting. Thread-safe; listeners hear of each save on the saving thread.
 */
public final class BackupSettings {
  private static final Logger LOG = LoggerFactory.getLogger(BackupSettings.class);
  static final String INTERVAL_MINUTES = "backup.intervalMinutes";
  static final String LAST = "backup.keepLast";
  static final String HOURLY = "backup.keepHourly";
  static final String DAILY = "backup.keepDaily";
  static final String WEEKLY = "backup.keepWeekly";
  static final String MIRROR = "backup.mirrorFolder";
  static final String WEBHOOK = "backup.webhookUrl";

  private final Jdbc jdbc;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile BackupConfig current;
  private volatile String webhookUrl;

  public BackupSettings(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
    this.current = load();
  }

  public BackupConfig get() {
    return current;
  }

  /** Where the watchdog posts problems (http or https); empty when nobody wants alerts. */
  public String webhookUrl() {
    return webhookUrl;
  }

  /** Called after each save, on the saving thread. */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Saves both and tells the listeners.
   *
   * @throws IllegalArgumentException with a message for a person when {@code webhook} is not an http(s) address
   */
  public synchronized void save(BackupConfig config, String webhook) {
    String url = webhook == null ? "" : webhook.strip();
    checkWebhook(url);
    write(config, Map.of(WEBHOOK, url));
    webhookUrl = url;
    listeners.forEach(Runnable::run);
  }

  public synchronized void save(BackupConfig config) {
    write(config, Map.of());
    listeners.forEach(Runnable::run);
  }

  /** Refuses anything but an empty text or an http(s) address with a host. */
  public static void checkWebhook(String url) {
    if (url.isEmpty() || HttpUrls.isHttpUrl(url)) {
      return;
    }
    throw new IllegalArgumentException("The alert address must start with http:// or https:// and name a host, "
        + "e.g. https://hooks.example.com/tars. Leave it empty for no alerts.");
  }

  private void write(BackupConfig config, Map<String, String> more) {
    Map<String, String> values = new HashMap<>();
    values.put(INTERVAL_MINUTES, Long.toString(config.interval().toMinutes()));
    values.put(LAST, Integer.toString(config.retention().last()));
    values.put(HOURLY, Integer.toString(config.retention().hourly()));
    values.put(DAILY, Integer.toString(config.retention().daily()));
    values.put(WEEKLY, Integer.toString(config.retention().weekly()));
    values.put(MIRROR, config.mirror().map(Path::toString).orElse(""));
    values.putAll(more);
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
    webhookUrl = stored.getOrDefault(WEBHOOK, "").strip();
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
