package dev.tars.desktop.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.EngineChoice;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.ScriptedEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WelcomeViewModelTest {
  @TempDir Path dir;
  private final TestUi ui = new TestUi();
  private TestServices services;
  private WelcomeViewModel welcome;

  @BeforeEach
  void open() {
    ScriptedEngine engine = new ScriptedEngine("ok", 0);
    services = new TestServices(dir, () -> engine);
    welcome = new WelcomeViewModel(services.settings, ui.background(), I18n.forLanguage("en"));
  }

  @AfterEach
  void close() {
    services.close();
  }

  private void choose(Path file) {
    welcome.choose(file);
    ui.runPending();
  }

  @Test
  void aGgufModelIsAcceptedAndSavedAsTheLocalModel() {
    Path model = TestModels.tiny();
    choose(model);
    assertThat(welcome.state()).isEqualTo(WelcomeViewModel.State.ACCEPTED);
    assertThat(services.settings.get().modelPath()).isEqualTo(model.toAbsolutePath().toString());
    assertThat(services.settings.get().engine()).isEqualTo(EngineChoice.LOCAL);
  }

  @Test
  void aFileThatIsNotGgufIsRejectedWithTheFileNameAndWhatToDo() throws IOException {
    Path notGguf = TestModels.notGguf(dir);
    choose(notGguf);
    assertThat(welcome.state()).isEqualTo(WelcomeViewModel.State.REJECTED);
    assertThat(welcome.errorProperty().get()).contains(notGguf.getFileName().toString()).contains("not a GGUF");
    assertThat(services.settings.get().modelPath()).isEmpty();
  }

  @Test
  void aTruncatedDownloadIsRejectedAsIncomplete() throws IOException {
    Path broken = Files.write(dir.resolve("cut.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
    choose(broken);
    assertThat(welcome.errorProperty().get()).contains("cut.gguf").contains("incomplete").contains("Download");
  }

  @Test
  void aMissingFileOrAFolderIsRejected() {
    choose(dir.resolve("nope.gguf"));
    assertThat(welcome.errorProperty().get()).contains("nope.gguf").contains("does not exist");
    choose(dir);
    assertThat(welcome.errorProperty().get()).contains("folder");
  }

  @Test
  void droppingSeveralFilesAsksForOne() {
    welcome.dropped(List.of(dir.resolve("a.gguf"), dir.resolve("b.gguf")));
    assertThat(welcome.state()).isEqualTo(WelcomeViewModel.State.REJECTED);
    assertThat(welcome.errorProperty().get()).contains("one model file");
  }

  @Test
  void rejectionsAreInSpanishWhenTheUiIsInSpanish() throws IOException {
    welcome = new WelcomeViewModel(services.settings, ui.background(), I18n.forLanguage("es"));
    choose(TestModels.notGguf(dir));
    assertThat(welcome.errorProperty().get()).contains("no es un modelo GGUF");
  }
}
