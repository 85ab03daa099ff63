package dev.tars.config;

import java.util.function.Consumer;

/** Loads and saves {@link AppSettings}; tells listeners when they change. Thread-safe. */
public interface SettingsStore {
  AppSettings get();

  /** Persists {@code settings} (committed before returning) and notifies listeners. */
  void save(AppSettings settings);

  /** Called on the saving thread after each save. */
  void addListener(Consumer<AppSettings> listener);
}
