package dev.tars.config;

import dev.tars.engine.Sampling;
import dev.tars.storage.Jdbc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings kept as one row per name in the {@code setting} table. A missing or unreadable value falls back to
 * its default, so a settings row written by a newer or older Tars never stops the app from starting.
 */
public final class StoredSettings implements SettingsStore {
  private static final Logger LOG = LoggerFactory.getLogger(StoredSettings.class);

  private final Jdbc jdbc;
  private final List<Consumer<AppSettings>> listeners = new CopyOnWriteArrayList<>();
  private volatile AppSettings current;

  public StoredSettings(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
    this.current = load();
  }

  @Override
  public AppSettings get() {
    return current;
  }

  @Override
  public synchronized void save(AppSettings settings) {
    Map<String, String> values = toMap(settings);
    jdbc.inTransaction(connection -> {
      for (Map.Entry<String, String> entry : values.entrySet()) {
        try (var statement = Jdbc.prepare(connection, "MERGE INTO setting (name, content) KEY (name) VALUES (?, ?)",
            entry.getKey(), entry.getValue())) {
          statement.executeUpdate();
        }
      }
      return null;
    });
    current = settings;
    for (Consumer<AppSettings> listener : listeners) {
      listener.accept(settings);
    }
  }

  @Override
  public void addListener(Consumer<AppSettings> listener) {
    listeners.add(listener);
  }

  private AppSettings load() {
    Map<String, String> stored = new HashMap<>();
    jdbc.query("SELECT name, content FROM setting", row -> stored.put(row.getString(1), row.getString(2)));
    AppSettings d = AppSettings.DEFAULTS;
    Values v = new Values(stored);
    try {
      return new AppSettings(
          v.get("theme", Theme::valueOf, d.theme()),
          v.get("language", Function.identity(), d.language()),
          v.get("defaultSystemPrompt", Function.identity(), d.defaultSystemPrompt()),
          new Sampling(
              v.get("temperature", Double::parseDouble, d.defaultSampling().temperature()),
              v.get("topP", Double::parseDouble, d.defaultSampling().topP()),
              v.get("maxTokens", Integer::parseInt, d.defaultSampling().maxTokens())),
          v.get("engine", EngineChoice::valueOf, d.engine()),
          v.get("modelPath", Function.identity(), d.modelPath()),
          v.get("remoteUrl", Function.identity(), d.remoteUrl()),
          v.get("remoteApiKey", Function.identity(), d.remoteApiKey()),
          v.get("remoteModel", Function.identity(), d.remoteModel()),
          v.get("contextSize", Integer::parseInt, d.contextSize()),
          v.get("threads", Integer::parseInt, d.threads()),
          v.get("apiServer", StoredSettings::parseBoolean, d.apiServer()),
          v.get("apiPort", Integer::parseInt, d.apiPort()),
          v.get("apiAllowedOrigins", StoredSettings::parseList, d.apiAllowedOrigins()),
          v.get("apiAllowActions", StoredSettings::parseBoolean, d.apiAllowActions()));
    } catch (IllegalArgumentException e) {
      LOG.warn("Stored settings are out of range ({}); using the defaults", e.getMessage());
      return d;
    }
  }

  private static Map<String, String> toMap(AppSettings s) {
    Map<String, String> m = new HashMap<>();
    m.put("theme", s.theme().name());
    m.put("language", s.language());
    m.put("defaultSystemPrompt", s.defaultSystemPrompt());
    m.put("temperature", Double.toString(s.defaultSampling().temperature()));
    m.put("topP", Double.toString(s.defaultSampling().topP()));
    m.put("maxTokens", Integer.toString(s.defaultSampling().maxTokens()));
    m.put("engine", s.engine().name());
    m.put("modelPath", s.modelPath());
    m.put("remoteUrl", s.remoteUrl());
    m.put("remoteApiKey", s.remoteApiKey());
    m.put("remoteModel", s.remoteModel());
    m.put("contextSize", Integer.toString(s.contextSize()));
    m.put("threads", Integer.toString(s.threads()));
    m.put("apiServer", Boolean.toString(s.apiServer()));
    m.put("apiPort", Integer.toString(s.apiPort()));
    m.put("apiAllowedOrigins", String.join(" ", s.apiAllowedOrigins()));
    m.put("apiAllowActions", Boolean.toString(s.apiAllowActions()));
    return m;
  }

  /** Items separated by spaces (origins hold none). */
  private static List<String> parseList(String raw) {
    return raw.isBlank() ? List.of() : List.of(raw.strip().split("\\s+"));
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + raw);
    };
  }

  private record Values(Map<String, String> stored) {
    <T> T get(String name, Function<String, T> parse, T fallback) {
      String raw = stored.get(name);
      if (raw == null) {
        return fallback;
      }
      try {
        return parse.apply(raw);
      } catch (IllegalArgumentException e) {
        LOG.warn("Ignoring unreadable setting {}={}", name, raw);
        return fallback;
      }
    }
  }
}
