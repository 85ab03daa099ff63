package dev.tars.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.EngineChoice;
import dev.tars.config.Theme;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {
  @TempDir Path dir;
  private final TestUi ui = new TestUi();
  private TestServices services;
  private SettingsViewModel settings;

  @BeforeEach
  void open() {
    ScriptedEngine engine = new ScriptedEngine("ok", 0);
    services = new TestServices(dir, () -> engine);
    settings = new SettingsViewModel(services.settings, ui.background(), I18n.forLanguage("en"));
    settings.load();
    ui.runPending();
  }

  @AfterEach
  void close() {
    services.close();
  }

  @Test
  void editedFieldsAreSavedWithSave() {
    assertThat(settings.state()).isEqualTo(SettingsViewModel.State.CLEAN);
    settings.defaults().systemPromptProperty().set("Be brief.");
    settings.defaults().temperatureProperty().set(0.2);
    settings.contextSizeProperty().set(8192);
    assertThat(settings.state()).isEqualTo(SettingsViewModel.State.DIRTY);

    assertThat(settings.save()).isTrue();
    ui.runPending();

    assertThat(settings.state()).isEqualTo(SettingsViewModel.State.CLEAN);
    var saved = services.settings.get();
    assertThat(saved.defaultSystemPrompt()).isEqualTo("Be brief.");
    assertThat(saved.defaultSampling().temperature()).isEqualTo(0.2);
    assertThat(saved.contextSize()).isEqualTo(8192);
  }

  @Test
  void aRemoteServerNeedsAnHttpUrlAndNothingIsSavedOtherwise() {
    settings.engineProperty().set(EngineChoice.REMOTE);
    settings.remoteUrlProperty().set("localhost:8080");

    assertThat(settings.save()).isFalse();
    assertThat(settings.state()).isEqualTo(SettingsViewModel.State.INVALID);
    assertThat(settings.errorProperty().get()).contains("http://");
    assertThat(services.settings.get().engine()).isEqualTo(EngineChoice.LOCAL);

    settings.remoteUrlProperty().set("http://gpu-box:8080/v1");
    settings.remoteApiKeyProperty().set("secret");
    assertThat(settings.save()).isTrue();
    ui.runPending();
    assertThat(services.settings.get().engine()).isEqualTo(EngineChoice.REMOTE);
    assertThat(services.settings.get().remoteUrl()).isEqualTo("http://gpu-box:8080/v1");
  }

  @Test
  void aModelPathThatIsNotAModelIsRefusedWithTheReason() {
    settings.modelPathProperty().set(dir.resolve("missing.gguf").toString());
    assertThat(settings.save()).isTrue();
    ui.runPending();
    assertThat(settings.state()).isEqualTo(SettingsViewModel.State.INVALID);
    assertThat(settings.errorProperty().get()).contains("missing.gguf").contains("does not exist");
    assertThat(services.settings.get().modelPath()).isEmpty();
  }

  @Test
  void themeAndLanguageApplyAtOnceAndAreThereAfterARestart() {
    settings.themeProperty().set(Theme.LIGHT);
    settings.themeProperty().set(Theme.DARK);
    settings.languageProperty().set("es");
    ui.runPending();
    assertThat(services.settings.get().theme()).isEqualTo(Theme.DARK);
    assertThat(services.settings.get().language()).isEqualTo("es");

    services.close();
    ScriptedEngine engine = new ScriptedEngine("ok", 0);
    services = new TestServices(dir, () -> engine);
    assertThat(services.settings.get().theme()).isEqualTo(Theme.DARK);
    assertThat(services.settings.get().language()).isEqualTo("es");
  }

  @Test
  void revertDropsUnsavedChanges() {
    settings.defaults().systemPromptProperty().set("Something else");
    settings.revert();
    assertThat(settings.defaults().systemPromptProperty().get()).isEqualTo(services.settings.get().defaultSystemPrompt());
    assertThat(settings.state()).isEqualTo(SettingsViewModel.State.CLEAN);
  }

  @Test
  void outOfRangeNumbersAreRefused() {
    settings.threadsProperty().set(-1);
    assertThat(settings.save()).isFalse();
    assertThat(settings.errorProperty().get()).contains("Threads");
  }
}
