package dev.tars.cli.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tars say} and {@code tars transcribe} on the real engines (FreeTTS, PocketSphinx). */
class VoiceCommandsIT {
  @TempDir
  static Path home;

  @BeforeAll
  static void privateDataHome() {
    System.setProperty("tars.home", home.toString());
  }

  @AfterAll
  static void restore() {
    System.clearProperty("tars.home");
  }

  private static CliRun run(Object command, String... args) {
    return CliRun.of(new CommandLine(command), args);
  }

  @Test
  void whatSayWritesTranscribeReadsBack() throws Exception {
    Path wav = home.resolve("speech").resolve("hello.wav");
    CliRun say = run(new SayCommand(), "Turn off the lights in the kitchen.", "--out", wav.toString());
    assertThat(say.exitCode()).as(say.err()).isZero();
    assertThat(Files.size(wav)).isGreaterThan(16_000);
    assertThat(say.out()).contains("hello.wav");

    CliRun transcribe = run(new TranscribeCommand(), wav.toString(), "--engine", "POCKETSPHINX", "--stats");
    assertThat(transcribe.exitCode()).as(transcribe.err()).isZero();
    assertThat(transcribe.out().strip()).isEqualTo("turn off the lights in the kitchen");
    assertThat(transcribe.err()).contains("PocketSphinx").contains("real-time factor");
  }

  @Test
  void autoUsesPocketSphinxWhenNoVoskModelIsInstalled() {
    Path wav = home.resolve("auto.wav");
    assertThat(run(new SayCommand(), "Good morning.", "--out", wav.toString()).exitCode()).isZero();
    CliRun transcribe = run(new TranscribeCommand(), wav.toString(), "--stats");
    assertThat(transcribe.exitCode()).as(transcribe.err()).isZero();
    assertThat(transcribe.err()).contains("PocketSphinx");
  }

  @Test
  void aFileThatIsNotAudioGivesOneLineAndExitCodeOne() throws Exception {
    Path notes = Files.writeString(home.resolve("notes.wav"), "these are my notes, not a recording");
    CliRun transcribe = run(new TranscribeCommand(), notes.toString());
    assertThat(transcribe.exitCode()).isEqualTo(1);
    assertThat(transcribe.err()).startsWith("tars: notes.wav is not an audio file").doesNotContain("Exception");
    assertThat(transcribe.err().lines()).hasSize(1);
  }

  @Test
  void askingForVoskWithoutAModelSaysWhereToGetOne() {
    Path wav = home.resolve("vosk.wav");
    assertThat(run(new SayCommand(), "Hello.", "--out", wav.toString()).exitCode()).isZero();
    CliRun transcribe = run(new TranscribeCommand(), wav.toString(), "--engine", "VOSK");
    assertThat(transcribe.exitCode()).isEqualTo(1);
    assertThat(transcribe.err()).contains("No Vosk speech model is installed").contains("Models page");
  }

  @Test
  void anOutOfRangeRateIsAUsageError() {
    CliRun say = run(new SayCommand(), "Hello.", "--rate", "900", "--out", home.resolve("x.wav").toString());
    assertThat(say.exitCode()).isEqualTo(2);
    assertThat(say.err()).contains("between 80 and 300");
    assertThat(home.resolve("x.wav")).doesNotExist();
  }
}
