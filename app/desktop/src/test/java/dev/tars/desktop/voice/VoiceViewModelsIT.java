package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.TestUi;
import dev.tars.voice.PushToTalk;
import dev.tars.voice.VoiceUnavailableException;
import dev.tars.voice.audio.AudioOutput;
import dev.tars.voice.audio.PacedSource;
import dev.tars.voice.audio.WavFileSource;
import dev.tars.voice.audio.WavWriter;
import dev.tars.voice.readaloud.ReadAloud;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxRecognizer;
import dev.tars.voice.synthesis.VoiceOptions;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice view models on the real engines (PocketSphinx, FreeTTS), with a recording at speaking pace as the
 * microphone and a test UI thread.
 */
class VoiceViewModelsIT {
  private static final String SPOKEN = "Turn off the lights in the kitchen.";
  @TempDir
  static Path dir;
  private static FreeTtsSynthesizer tts;
  private static Path wav;

  @BeforeAll
  static void speak() {
    tts = FreeTtsSynthesizer.load();
    short[] speech = tts.synthesize(SPOKEN, VoiceOptions.DEFAULTS);
    short[] padded = new short[speech.length + 8_000];
    System.arraycopy(speech, 0, padded, 4_000, speech.length);
    wav = dir.resolve("speech.wav");
    WavWriter.write(wav, padded);
  }

  @AfterAll
  static void close() {
    tts.close();
  }

  private static PushToTalk pushToTalk(AtomicBoolean micPlugged) {
    return new PushToTalk(() -> PocketSphinxRecognizer.loadEnglish(dir.resolve("ps.log")), () -> {
      if (!micPlugged.get()) {
        throw new VoiceUnavailableException("No microphone is available. Connect a microphone.");
      }
      return new PacedSource(WavFileSource.open(wav));
    });
  }

  @Test
  void wordsAppearLiveAfterTheTypedTextAndAreSentOnRelease() {
    TestUi ui = new TestUi();
    StringProperty input = new SimpleStringProperty("Please");
    AtomicInteger sent = new AtomicInteger();
    List<String> seen = new ArrayList<>();
    input.addListener((obs, old, now) -> seen.add(now));
    try (PushToTalk ptt = pushToTalk(new AtomicBoolean(true))) {
      VoiceInputViewModel vm = new VoiceInputViewModel(ptt, ui, input, sent::incrementAndGet, () -> true, I18n.forLanguage("en"));
      vm.press();
      assertThat(vm.stateProperty().get()).isEqualTo(PushToTalk.State.PREPARING);
      ui.runUntil(() -> vm.stateProperty().get() == PushToTalk.State.LISTENING, Duration.ofSeconds(60));
      ui.runUntil(() -> vm.levelProperty().get() > 0.3, Duration.ofSeconds(30));
      ui.runUntil(() -> input.get().length() > "Please ".length(), Duration.ofSeconds(30));
      assertThat(input.get()).startsWith("Please ");

      ui.runUntil(() -> input.get().endsWith("kitchen"), Duration.ofSeconds(60));
      vm.release();
      ui.runUntil(() -> !vm.isActive(), Duration.ofSeconds(30));

      assertThat(input.get()).isEqualTo("Please Turn off the lights in the kitchen");
      assertThat(sent.get()).isEqualTo(1);
      assertThat(vm.levelProperty().get()).isZero();
      assertThat(seen.size()).as("live partial results before the final text").isGreaterThan(2);
    }
  }

  @Test
  void noMicrophoneShowsWhatToDoAndKeepsTheTypedText() {
    TestUi ui = new TestUi();
    StringProperty input = new SimpleStringProperty("draft");
    try (PushToTalk ptt = pushToTalk(new AtomicBoolean(false))) {
      VoiceInputViewModel vm = new VoiceInputViewModel(ptt, ui, input, () -> {}, () -> true, I18n.forLanguage("en"));
      vm.press();
      ui.runUntil(() -> !vm.messageProperty().get().isEmpty(), Duration.ofSeconds(60));
      assertThat(vm.messageProperty().get()).contains("Connect a microphone");
      assertThat(vm.stateProperty().get()).isEqualTo(PushToTalk.State.IDLE);
      assertThat(input.get()).isEqualTo("draft");
    }
  }

  @Test
  void autoReadStartsWithTheFirstSentenceWhileTheAnswerStreams() {
    TestUi ui = new TestUi();
    CountingOutput speaker = new CountingOutput();
    try (ReadAloud readAloud = new ReadAloud(tts, () -> speaker, VoiceOptions.DEFAULTS)) {
      ReadAloudViewModel vm = new ReadAloudViewModel(readAloud, ui, true, I18n.forLanguage("en"));
      Object answer = new Object();
      vm.streamStarted(answer);
      vm.streamed(answer, "The sky is blue.");
      vm.streamed(answer, "The sky is blue. It scatters");
      ui.runUntil(() -> speaker.samples.get() > 0, Duration.ofSeconds(20));
      assertThat(vm.speakingProperty().get()).isSameAs(answer);

      vm.streamed(answer, "The sky is blue. It scatters light.");
      vm.streamEnded(answer);
      ui.runUntil(() -> vm.speakingProperty().get() == null, Duration.ofSeconds(30));
      assertThat(speaker.samples.get()).isGreaterThan(16_000 * 2);
    }
  }

  @Test
  void theSpeakerButtonTogglesAndAMissingSpeakerIsExplained() {
    TestUi ui = new TestUi();
    try (ReadAloud readAloud = new ReadAloud(tts, () -> {
      throw new VoiceUnavailableException("No speaker or headphones are available to read aloud.");
    }, VoiceOptions.DEFAULTS)) {
      ReadAloudViewModel vm = new ReadAloudViewModel(readAloud, ui, false, I18n.forLanguage("en"));
      Object answer = new Object();
      vm.streamStarted(answer);
      assertThat(vm.speakingProperty().get()).as("auto-read is off").isNull();

      vm.toggle(answer, "Hello there.");
      assertThat(vm.speakingProperty().get()).isSameAs(answer);
      ui.runUntil(() -> !vm.messageProperty().get().isEmpty(), Duration.ofSeconds(20));
      assertThat(vm.messageProperty().get()).contains("No speaker");
      assertThat(vm.speakingProperty().get()).isNull();
    }
  }

  private static final class CountingOutput implements AudioOutput {
    final AtomicInteger samples = new AtomicInteger();

    @Override
    public void play(short[] chunk, int count) {
      samples.addAndGet(count);
    }

    @Override
    public void drain() {}

    @Override
    public void stopNow() {}

    @Override
    public void close() {}
  }
}
