package dev.tars.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.voice.audio.PacedSource;
import dev.tars.voice.audio.WavFileSource;
import dev.tars.voice.recognition.Transcript;
import dev.tars.voice.recognition.WordErrorRate;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxRecognizer;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import dev.tars.voice.testing.SpokenFixtures;
import dev.tars.voice.testing.SpokenFixtures.Spoken;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push-to-talk on the real recognizer, with a recording played at speaking pace standing in for the microphone
 * (the build machines have none).
 */
class PushToTalkIT {
  @TempDir
  static Path dir;
  private static Spoken sentence;

  @BeforeAll
  static void speak() {
    try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.load()) {
      sentence = SpokenFixtures.speak(tts, List.of("Please open the window before you leave."), dir).getFirst();
    }
  }

  private static PushToTalk pushToTalk(AtomicBoolean micPlugged) {
    return new PushToTalk(() -> PocketSphinxRecognizer.loadEnglish(dir.resolve("ps.log")), () -> {
      if (!micPlugged.get()) {
        throw new VoiceUnavailableException("No microphone is available. Connect a microphone.");
      }
      return new PacedSource(WavFileSource.open(sentence.wav()));
    });
  }

  @Test
  void showsLevelAndPartialTextWhileSpeakingAndFinalTextAfterRelease() throws Exception {
    List<PushToTalk.State> states = new CopyOnWriteArrayList<>();
    List<String> partials = new CopyOnWriteArrayList<>();
    List<Double> levels = new CopyOnWriteArrayList<>();
    try (PushToTalk ptt = pushToTalk(new AtomicBoolean(true))) {
      long pressStart = System.nanoTime();
      CompletableFuture<Transcript> result = ptt.press(new PushToTalk.Listener() {
        @Override
        public void onState(PushToTalk.State state) {
          states.add(state);
        }

        @Override
        public void onPartial(String text) {
          partials.add(text);
        }

        @Override
        public void onLevel(double level) {
          levels.add(level);
        }
      });
      long pressMillis = (System.nanoTime() - pressStart) / 1_000_000;
      assertThat(pressMillis).as("press never waits for the model to load").isLessThan(500);

      long audioMillis = sentence.samples().length * 1000L / 16_000;
      Thread.sleep(audioMillis + 1500);
      ptt.release();
      Transcript transcript = result.get(10, TimeUnit.SECONDS);

      assertThat(WordErrorRate.of(sentence.text(), transcript.text())).isLessThan(0.2);
      assertThat(partials).isNotEmpty();
      assertThat(levels).anyMatch(level -> level > 0.3);
      // The benchmark measures this latency; here it only must not wait on anything (the build box is shared).
      assertThat(transcript.finishing().toMillis()).as("key release to final text").isLessThan(5000);
      Thread.sleep(100);
      assertThat(states).containsSubsequence(PushToTalk.State.PREPARING, PushToTalk.State.LISTENING,
          PushToTalk.State.IDLE);
    }
  }

  @Test
  void releasingEarlyKeepsTheWordsAlreadySpoken() throws Exception {
    try (PushToTalk ptt = pushToTalk(new AtomicBoolean(true))) {
      ptt.prepare().get(20, TimeUnit.SECONDS);
      CompletableFuture<Transcript> result = ptt.press(new PushToTalk.Listener() {});
      Thread.sleep(1500);
      ptt.release();
      Transcript transcript = result.get(10, TimeUnit.SECONDS);
      assertThat(transcript.audio().toMillis()).isBetween(1000L, 2200L);
      assertThat(transcript.text()).startsWith("please");
    }
  }

  @Test
  void noMicrophoneIsReportedAndTheNextPressWorksOnceOneIsPlugged() throws Exception {
    AtomicBoolean plugged = new AtomicBoolean(false);
    AtomicInteger idle = new AtomicInteger();
    PushToTalk.Listener listener = new PushToTalk.Listener() {
      @Override
      public void onState(PushToTalk.State state) {
        if (state == PushToTalk.State.IDLE) {
          idle.incrementAndGet();
        }
      }
    };
    try (PushToTalk ptt = pushToTalk(plugged)) {
      CompletableFuture<Transcript> failed = ptt.press(listener);
      assertThatThrownBy(() -> failed.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(VoiceUnavailableException.class)
          .hasMessageContaining("Connect a microphone");
      assertThat(idle.get()).isEqualTo(1);

      plugged.set(true);
      CompletableFuture<Transcript> works = ptt.press(listener);
      Thread.sleep(800);
      ptt.release();
      assertThat(works.get(10, TimeUnit.SECONDS).audio().toMillis()).isPositive();
    }
  }

  @Test
  void cancelDropsTheUtteranceAndLeavesPushToTalkReady() throws Exception {
    try (PushToTalk ptt = pushToTalk(new AtomicBoolean(true))) {
      CompletableFuture<Transcript> abandoned = ptt.press(new PushToTalk.Listener() {});
      Thread.sleep(300);
      ptt.cancel();
      assertThatThrownBy(() -> abandoned.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);

      CompletableFuture<Transcript> next = ptt.press(new PushToTalk.Listener() {});
      Thread.sleep(1800);
      ptt.release();
      assertThat(next.get(10, TimeUnit.SECONDS).text()).isNotBlank();
    }
  }
}
