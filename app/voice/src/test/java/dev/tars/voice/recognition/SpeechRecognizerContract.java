package dev.tars.voice.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.voice.VoiceException;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import dev.tars.voice.testing.SpokenFixtures;
import dev.tars.voice.testing.SpokenFixtures.Spoken;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link SpeechRecognizer} must do, checked on real speech: FreeTTS speaks known sentences into WAV
 * files and the recognizer hears them through the same streaming path the microphone uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SpeechRecognizerContract {
  private static final Logger LOG = LoggerFactory.getLogger(SpeechRecognizerContract.class);

  private Path dir;

  private SpeechRecognizer recognizer;
  private ListeningPipeline pipeline;
  private List<Spoken> spoken;

  /** Loads the engine under test (skip with an assumption where its model is not installed). */
  protected abstract SpeechRecognizer createRecognizer(Path workDir);

  /** The word error rate this engine must stay under on FreeTTS speech, justified where overridden. */
  protected abstract double wordErrorRateBound();

  @BeforeAll
  void loadEngineAndSpeakSentences(@TempDir Path workDir) {
    dir = workDir;
    recognizer = createRecognizer(dir);
    pipeline = new ListeningPipeline();
    try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.load()) {
      spoken = SpokenFixtures.speak(tts, SpokenFixtures.SENTENCES, dir);
    }
  }

  @AfterAll
  void closeEngine() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (recognizer != null) {
      recognizer.close();
    }
  }

  @Test
  void transcribesSpokenSentencesWithinTheWordErrorBound() {
    int errors = 0;
    int words = 0;
    for (Spoken sentence : spoken) {
      Transcript transcript = pipeline.transcribe(sentence.wav(), recognizer, ListeningListener.NONE);
      errors += WordErrorRate.errors(sentence.text(), transcript.text());
      words += WordErrorRate.words(sentence.text()).size();
      LOG.warn("{}: \"{}\" -> \"{}\" (RTF {})", recognizer.name(), sentence.text(), transcript.text(),
          String.format("%.2f", transcript.realTimeFactor()));
    }
    double wer = errors / (double) words;
    LOG.warn("{}: WER {} ({} errors in {} words)", recognizer.name(), String.format("%.3f", wer), errors, words);
    assertThat(wer).isLessThanOrEqualTo(wordErrorRateBound());
  }

  @Test
  void reportsPartialResultsBeforeTheFinalText() {
    Spoken longest = spoken.get(0);
    List<String> partials = new CopyOnWriteArrayList<>();
    Transcript transcript = pipeline.transcribe(longest.wav(), recognizer, new ListeningListener() {
      @Override
      public void onPartial(String textSoFar) {
        partials.add(textSoFar);
      }
    });
    assertThat(partials).isNotEmpty();
    assertThat(partials).allSatisfy(p -> assertThat(p).isNotBlank());
    assertThat(transcript.text()).isNotBlank();
    assertThat(transcript.audio().toMillis()).isEqualTo(longest.samples().length * 1000L / 16_000);
  }

  @Test
  void hearsNothingInSilence() {
    short[] silence = new short[16_000 * 2];
    try (RecognitionSession session = recognizer.startSession(RecognitionListener.NONE)) {
      session.accept(silence, silence.length);
      assertThat(session.finish()).isEmpty();
    }
  }

  @Test
  void givesTheSameTextWhenTheSameAudioIsHeardTwice() {
    Spoken sentence = spoken.get(4);
    String first = pipeline.transcribe(sentence.wav(), recognizer, ListeningListener.NONE).text();
    String second = pipeline.transcribe(sentence.wav(), recognizer, ListeningListener.NONE).text();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aCancelledSessionLeavesTheRecognizerReady() {
    Spoken sentence = spoken.get(1);
    RecognitionSession abandoned = recognizer.startSession(RecognitionListener.NONE);
    abandoned.accept(sentence.samples(), sentence.samples().length / 2);
    abandoned.cancel();
    abandoned.cancel();

    String text = pipeline.transcribe(sentence.wav(), recognizer, ListeningListener.NONE).text();
    assertThat(WordErrorRate.of(sentence.text(), text)).isLessThan(0.5);
  }

  @Test
  void refusesAudioAfterTheSessionFinished() {
    RecognitionSession session = recognizer.startSession(RecognitionListener.NONE);
    session.finish();
    assertThatThrownBy(() -> session.accept(new short[160], 160)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void allowsOneSessionAtATime() {
    try (RecognitionSession first = recognizer.startSession(RecognitionListener.NONE)) {
      assertThatThrownBy(() -> recognizer.startSession(RecognitionListener.NONE))
          .isInstanceOf(IllegalStateException.class);
    }
    recognizer.startSession(RecognitionListener.NONE).cancel();
  }

  @Test
  void explainsThatItIsShutDownAfterClose() {
    SpeechRecognizer another = createRecognizer(dir);
    another.close();
    another.close();
    assertThatThrownBy(() -> another.startSession(RecognitionListener.NONE))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("restart Tars");
  }
}
