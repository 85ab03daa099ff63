package dev.tars.cli.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.cli.CliHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tars say} and {@code tars transcribe} on the real engines (FreeTTS, PocketSphinx). */
class VoiceCommandsIT {
  @TempDir static Path home;
  @RegisterExtension static final CliHome cli = new CliHome(() -> home);

  @Test
  void whatSayWritesTranscribeReadsBack() throws Exception {
    Path wav = home.resolve("speech").resolve("hello.wav");
    assertThat(cli.run(new SayCommand(), "Turn off the lights in the kitchen.", "--out", wav.toString()))
        .as(cli.err()).isZero();
    assertThat(Files.size(wav)).isGreaterThan(16_000);
    assertThat(cli.out()).contains("hello.wav");

    assertThat(cli.run(new TranscribeCommand(), wav.toString(), "--engine", "POCKETSPHINX", "--stats"))
        .as(cli.err()).isZero();
    assertThat(cli.out().strip()).isEqualTo("turn off the lights in the kitchen");
    assertThat(cli.err()).contains("PocketSphinx").contains("real-time factor");
  }

  @Test
  void autoUsesPocketSphinxWhenNoVoskModelIsInstalled() {
    Path wav = home.resolve("auto.wav");
    assertThat(cli.run(new SayCommand(), "Good morning.", "--out", wav.toString())).isZero();
    assertThat(cli.run(new TranscribeCommand(), wav.toString(), "--stats")).as(cli.err()).isZero();
    assertThat(cli.err()).contains("PocketSphinx");
  }

  @Test
  void aFileThatIsNotAudioGivesOneLineAndExitCodeOne() throws Exception {
    Path notes = Files.writeString(home.resolve("notes.wav"), "these are my notes, not a recording");
    assertThat(cli.run(new TranscribeCommand(), notes.toString())).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: notes.wav is not an audio file").doesNotContain("Exception");
    assertThat(cli.err().lines()).hasSize(1);
  }

  @Test
  void askingForVoskWithoutAModelSaysWhereToGetOne() {
    Path wav = home.resolve("vosk.wav");
    assertThat(cli.run(new SayCommand(), "Hello.", "--out", wav.toString())).isZero();
    assertThat(cli.run(new TranscribeCommand(), wav.toString(), "--engine", "VOSK")).isEqualTo(1);
    assertThat(cli.err()).contains("No Vosk speech model is installed").contains("Models page");
  }

  @Test
  void anOutOfRangeRateIsAUsageError() {
    assertThat(cli.run(new SayCommand(), "Hello.", "--rate", "900", "--out", home.resolve("x.wav").toString()))
        .isEqualTo(2);
    assertThat(cli.err()).contains("between 80 and 300");
    assertThat(home.resolve("x.wav")).doesNotExist();
  }
}
