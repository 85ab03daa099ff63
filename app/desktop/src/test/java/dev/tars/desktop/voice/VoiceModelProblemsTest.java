package dev.tars.desktop.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.voice.PushToTalk;
import dev.tars.voice.VoiceUnavailableException;
import dev.tars.voice.audio.MicrophoneSource;
import dev.tars.voice.audio.SpeakerOutput;
import dev.tars.voice.recognition.vosk.VoskRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the microphone button says when the Vosk model it should load is not one or is not there, and what voice says
 * of a microphone or speaker that is not connected, in English and in Spanish: real folders refused by the real
 * loader before any native code runs, real device look-ups.
 */
class VoiceModelProblemsTest {
  @TempDir Path models;

  private static String pressWith(Path voskFolder, String language) {
    TestUi ui = new TestUi();
    StringProperty input = new SimpleStringProperty("borrador");
    try (PushToTalk ptt = new PushToTalk(() -> VoskRecognizer.load(voskFolder), () -> {
      throw new VoiceUnavailableException("the microphone is never reached");
    })) {
      VoiceInputViewModel vm = new VoiceInputViewModel(ptt, ui, input, () -> {}, () -> true,
          I18n.forLanguage(language));
      vm.press();
      ui.runUntil(() -> !vm.messageProperty().get().isEmpty(), Duration.ofSeconds(30));
      assertThat(input.get()).as("the typed text stays").isEqualTo("borrador");
      return vm.messageProperty().get();
    }
  }

  @Test
  void aFolderThatIsNotAVoskModelIsExplainedInBothLanguages() throws Exception {
    Path readmeOnly = Files.createDirectories(models.resolve("vosk-model-small-es-0.42"));
    Files.writeString(readmeOnly.resolve("README"), "Only the read-me of a model.");

    assertThat(pressWith(readmeOnly, "en")).isEqualTo("The folder vosk-model-small-es-0.42 is not a Vosk speech "
        + "model (it has no am/final.mdl or conf/model.conf). Unpack the whole model archive there, or download it "
        + "again from the Models page.");
    assertThat(pressWith(readmeOnly, "es")).isEqualTo("La carpeta vosk-model-small-es-0.42 no es un modelo de voz de "
        + "Vosk (le faltan am/final.mdl o conf/model.conf). Descomprime ahí el archivo completo del modelo, o vuelve a "
        + "descargarlo en la página Modelos.");
  }

  @Test
  void aModelFolderThatIsGoneIsExplainedInSpanish() {
    Path gone = models.resolve("vosk-model-small-es-0.42");

    assertThat(pressWith(gone, "es")).isEqualTo("La carpeta del modelo de voz de Vosk " + gone + " no existe. "
        + "Descarga un modelo (por ejemplo vosk-model-small-es-0.42) en la página Modelos, o elige PocketSphinx en "
        + "Ajustes > Voz.");
  }

  @Test
  void aMicrophoneOrSpeakerThatIsNotConnectedIsExplainedInBothLanguages() {
    VoiceUnavailableException mic = catchUnavailable(() -> MicrophoneSource.open("USB Mic 3000"));
    assertThat(VoiceProblemText.of(mic, I18n.forLanguage("en"), "voice.mic.failed")).isEqualTo("The microphone "
        + "\"USB Mic 3000\" is not connected. Plug it in, or choose another microphone in Settings > Voice.");
    assertThat(VoiceProblemText.of(mic, I18n.forLanguage("es"), "voice.mic.failed")).isEqualTo("El micrófono «USB "
        + "Mic 3000» no está conectado. Conéctalo, o elige otro micrófono en Ajustes > Voz.");

    VoiceUnavailableException speaker = catchUnavailable(() -> SpeakerOutput.open("Altavoces USB"));
    assertThat(VoiceProblemText.of(speaker, I18n.forLanguage("es"), "voice.readAloud.failed")).isEqualTo("El "
        + "altavoz «Altavoces USB» no está conectado. Conéctalo, o elige otra salida en Ajustes > Voz.");
  }

  private static VoiceUnavailableException catchUnavailable(Runnable open) {
    try {
      open.run();
    } catch (VoiceUnavailableException e) {
      return e;
    }
    throw new AssertionError("a device that is not there was opened");
  }
}
