package dev.tars.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.engine.Sampling;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSettingsTest {
  @TempDir Path home;

  @Test
  void freshDatabaseGivesTheDefaults() throws Exception {
    try (Database db = TestDatabase.open(home)) {
      assertThat(new StoredSettings(db.dataSource()).get()).isEqualTo(AppSettings.DEFAULTS);
    }
  }

  @Test
  void savedSettingsSurviveARestartAndListenersHearOfThem() throws Exception {
    AppSettings changed = AppSettings.DEFAULTS.withTheme(Theme.DARK).withLanguage("es")
        .withDefaults("Answer in Spanish.", new Sampling(0.2, 0.5, 77)).withModelPath("/models/a.gguf")
        .withEngine(EngineChoice.REMOTE, "http://gpu-box:8080/v1", "secret", "qwen").withLocalEngine(8192, 2)
        .withApiServer(true, 5123).withApiAllowedOrigins(List.of("http://localhost:3000", "https://notes.example"));
    AtomicReference<AppSettings> heard = new AtomicReference<>();
    try (Database db = TestDatabase.open(home)) {
      StoredSettings settings = new StoredSettings(db.dataSource());
      settings.addListener(heard::set);
      settings.save(changed);
    }
    try (Database db = TestDatabase.open(home)) {
      assertThat(new StoredSettings(db.dataSource()).get()).isEqualTo(changed);
    }
    assertThat(heard.get()).isEqualTo(changed);
  }

  @Test
  void anUnreadableValueFallsBackToItsDefaultWithoutLosingTheOthers() throws Exception {
    try (Database db = TestDatabase.open(home)) {
      StoredSettings settings = new StoredSettings(db.dataSource());
      settings.save(AppSettings.DEFAULTS.withTheme(Theme.DARK));
      new Jdbc(db.dataSource()).update("UPDATE setting SET content = 'PURPLE' WHERE name = 'engine'");
      new Jdbc(db.dataSource()).update("UPDATE setting SET content = 'lots' WHERE name = 'maxTokens'");

      AppSettings reloaded = new StoredSettings(db.dataSource()).get();

      assertThat(reloaded.theme()).isEqualTo(Theme.DARK);
      assertThat(reloaded.engine()).isEqualTo(AppSettings.DEFAULTS.engine());
      assertThat(reloaded.defaultSampling().maxTokens()).isEqualTo(AppSettings.DEFAULTS.defaultSampling().maxTokens());
    }
  }
}
