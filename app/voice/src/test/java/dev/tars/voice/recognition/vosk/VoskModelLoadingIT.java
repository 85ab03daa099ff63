package dev.tars.voice.recognition.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.voice.VoiceUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading through the real native libvosk bundled in the Vosk jar. */
class VoskModelLoadingIT {

  @TempDir
  Path dir;

  @Test
  void aMissingModelFolderSaysWhereToGetAModel() {
    assertThatThrownBy(() -> VoskRecognizer.load(dir.resolve("vosk-model-small-en-us-0.15")))
        .isInstanceOf(VoiceUnavailableException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("Models page");
  }

  @Test
  void aFolderWithoutModelFilesIsNotMistakenForAModel() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("holiday-photos"));
    Files.writeString(folder.resolve("readme.txt"), "not a model");
    assertThat(VoskRecognizer.looksLikeModel(folder)).isFalse();
    assertThatThrownBy(() -> VoskRecognizer.load(folder))
        .isInstanceOf(VoiceUnavailableException.class)
        .hasMessageContaining("is not a Vosk speech model");
  }

  @Test
  void aDamagedModelIsReportedByTheNativeLoaderWithoutCrashing() throws IOException {
    Path model = damagedModel(dir.resolve("vosk-model-damaged"));
    assertThat(VoskRecognizer.looksLikeModel(model)).isTrue();
    assertThatThrownBy(() -> VoskRecognizer.load(model))
        .isInstanceOf(VoiceUnavailableException.class)
        .hasMessageContaining("incomplete or damaged")
        .hasMessageContaining("download it again")
        .hasRootCauseInstanceOf(IOException.class);
  }

  @Test
  void aTruncatedDownloadWithGarbledSettingsIsReportedToo() throws IOException {
    Path model = damagedModel(dir.resolve("vosk-model-truncated"));
    Files.writeString(model.resolve("conf").resolve("model.conf"), "x");
    assertThatThrownBy(() -> VoskRecognizer.load(model))
        .isInstanceOf(VoiceUnavailableException.class)
        .hasMessageContaining("incomplete or damaged");
  }

  /** The layout of a real Vosk model, with the acoustic model and graph replaced by random bytes. */
  private static Path damagedModel(Path folder) throws IOException {
    Random random = new Random(5);
    Files.createDirectories(folder.resolve("am"));
    Files.createDirectories(folder.resolve("conf"));
    Files.createDirectories(folder.resolve("graph"));
    byte[] noise = new byte[20_000];
    random.nextBytes(noise);
    Files.write(folder.resolve("am").resolve("final.mdl"), noise);
    Files.write(folder.resolve("graph").resolve("HCLG.fst"), noise);
    Files.writeString(folder.resolve("conf").resolve("model.conf"),
        "--min-active=200\n--max-active=3000\n--beam=10.0\n--lattice-beam=2.0\n--acoustic-scale=1.0\n"
            + "--frame-subsampling-factor=3\n");
    Files.writeString(folder.resolve("conf").resolve("mfcc.conf"), "--sample-frequency=16000\n--use-energy=false\n");
    return folder;
  }
}
