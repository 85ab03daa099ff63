package dev.tars.voice.readaloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.voice.VoiceException;
import dev.tars.voice.VoiceUnavailableException;
import dev.tars.voice.synthesis.VoiceOptions;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import dev.tars.voice.testing.RecordingOutput;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-aloud with the real FreeTTS voice; a recording output stands in for the sound card. */
class ReadAloudIT {
  private static FreeTtsSynthesizer tts;

  @BeforeAll
  static void loadVoice() {
    tts = FreeTtsSynthesizer.load();
  }

  @AfterAll
  static void closeVoice() {
    tts.close();
  }

  @Test
  void startsSpeakingTheFirstSentenceWhileTheAnswerIsStillStreaming() throws Exception {
    RecordingOutput speaker = new RecordingOutput();
    CountDownLatch firstAudio = new CountDownLatch(1);
    CompletableFuture<Boolean> finished = new CompletableFuture<>();
    List<String> spoken = new CopyOnWriteArrayList<>();
    try (ReadAloud readAloud = new ReadAloud(tts, () -> speaker, VoiceOptions.DEFAULTS)) {
      ReadAloud.Reading reading = readAloud.begin(new ReadAloudListener() {
        @Override
        public void onSentence(String sentence) {
          spoken.add(sentence);
        }

        @Override
        public void onFirstAudio() {
          firstAudio.countDown();
        }

        @Override
        public void onFinished(boolean stopped) {
          finished.complete(stopped);
        }
      });
      for (String token : List.of("The", " sky", " is", " blue", ".", " It", " scatters")) {
        reading.append(token);
      }
      assertThat(firstAudio.await(10, TimeUnit.SECONDS)).as("first sentence heard before the answer ends").isTrue();
      reading.append(" short waves of light.");
      reading.complete();

      assertThat(finished.get(20, TimeUnit.SECONDS)).isFalse();
      assertThat(spoken).containsExactly("The sky is blue.", "It scatters short waves of light.");
      assertThat(speaker.sampleCount()).isGreaterThan(16_000);
    }
  }

  @Test
  void stopSilencesAtOnceAndDropsTheRest() throws Exception {
    RecordingOutput speaker = new RecordingOutput(true);
    CountDownLatch firstAudio = new CountDownLatch(1);
    CompletableFuture<Boolean> finished = new CompletableFuture<>();
    try (ReadAloud readAloud = new ReadAloud(tts, () -> speaker, VoiceOptions.DEFAULTS)) {
      readAloud.read("First sentence here. " + "Then a great many more words follow. ".repeat(20),
          new ReadAloudListener() {
            @Override
            public void onFirstAudio() {
              firstAudio.countDown();
            }

            @Override
            public void onFinished(boolean stopped) {
              finished.complete(stopped);
            }
          });
      assertThat(firstAudio.await(10, TimeUnit.SECONDS)).isTrue();
      readAloud.stop();
      assertThat(finished.get(5, TimeUnit.SECONDS)).isTrue();
      int heard = speaker.sampleCount();
      assertThat(speaker.stopCount()).isPositive();
      // The whole text is over a minute of speech; stopping after the first audio leaves about two seconds.
      assertThat(heard).isLessThan(16_000 * 4);
      Thread.sleep(300);
      assertThat(speaker.sampleCount()).isEqualTo(heard);
    }
  }

  @Test
  void aMissingSpeakerIsReportedAndTheNextReadingCanStillWork() throws Exception {
    CompletableFuture<VoiceException> error = new CompletableFuture<>();
    RecordingOutput speaker = new RecordingOutput();
    boolean[] plugged = {false};
    try (ReadAloud readAloud = new ReadAloud(tts, () -> {
      if (!plugged[0]) {
        throw new VoiceUnavailableException("No speaker or headphones are available to read aloud.");
      }
      return speaker;
    }, VoiceOptions.DEFAULTS)) {
      readAloud.read("Hello.", new ReadAloudListener() {
        @Override
        public void onError(VoiceException e) {
          error.complete(e);
        }
      });
      assertThat(error.get(10, TimeUnit.SECONDS)).hasMessageContaining("No speaker");

      plugged[0] = true;
      CompletableFuture<Boolean> finished = new CompletableFuture<>();
      readAloud.read("Hello again.", new ReadAloudListener() {
        @Override
        public void onFinished(boolean stopped) {
          finished.complete(stopped);
        }
      });
      assertThat(finished.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(speaker.sampleCount()).isPositive();
    }
    assertThat(speaker.isClosed()).isTrue();
  }
}
