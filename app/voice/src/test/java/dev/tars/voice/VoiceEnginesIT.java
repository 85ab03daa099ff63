package dev.tars.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.config.AppPaths;
import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.settings.VoiceSettings;
import dev.tars.voice.settings.VoiceSettings.RecognizerChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine choice on the real libraries: no Vosk model can be had here, PocketSphinx is installed. */
class VoiceEnginesIT {
  @TempDir
  Path home;

  @Test
  void automaticChoiceUsesPocketSphinxWhenNoVoskModelIsInstalled() {
    VoiceEngines engines = new VoiceEngines(new AppPaths(home));
    assertThat(engines.installedVoskModels()).isEmpty();
    try (SpeechRecognizer recognizer = engines.openRecognizer(VoiceSettings.DEFAULTS)) {
      assertThat(recognizer.name()).contains("PocketSphinx");
    }
    assertThat(home.resolve("logs").resolve("pocketsphinx.log")).exists();
  }

  @Test
  void aDamagedVoskModelFallsBackToPocketSphinxInAutomaticMode() throws IOException {
    VoiceEngines engines = new VoiceEngines(new AppPaths(home));
    Path model = engines.voskModelsFolder().resolve("vosk-model-small-en-us-0.15");
    Files.createDirectories(model.resolve("am"));
    Files.createDirectories(model.resolve("conf"));
    Files.writeString(model.resolve("am").resolve("final.mdl"), "interrupted download");
    Files.writeString(model.resolve("conf").resolve("model.conf"), "--beam=10.0\n");
    assertThat(engines.installedVoskModels()).containsExactly(model);

    try (SpeechRecognizer recognizer = engines.openRecognizer(VoiceSettings.DEFAULTS)) {
      assertThat(recognizer.name()).contains("PocketSphinx");
    }
    assertThatThrownBy(() -> engines.openRecognizer(VoiceSettings.DEFAULTS.withRecognizer(RecognizerChoice.VOSK, "")))
        .isInstanceOf(VoiceUnavailableException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void choosingVoskWithoutAModelSaysWhereToGetOne() {
    VoiceEngines engines = new VoiceEngines(new AppPaths(home));
    assertThatThrownBy(() -> engines.openRecognizer(VoiceSettings.DEFAULTS.withRecognizer(RecognizerChoice.VOSK, "")))
        .isInstanceOf(VoiceUnavailableException.class)
        .hasMessageContaining("Models page");
  }
}
