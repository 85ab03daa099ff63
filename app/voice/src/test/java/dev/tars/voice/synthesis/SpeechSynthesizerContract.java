package dev.tars.voice.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.voice.VoiceException;
import dev.tars.voice.audio.SpeechAudio;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link SpeechSynthesizer} must do. Recognizability is checked by the recognizer contract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SpeechSynthesizerContract {
  private static final String SENTENCE = "Tars can read your answers aloud while they are still being written.";

  private SpeechSynthesizer synthesizer;

  protected abstract SpeechSynthesizer createSynthesizer();

  @BeforeAll
  void load() {
    synthesizer = createSynthesizer();
  }

  @AfterAll
  void close() {
    synthesizer.close();
  }

  @Test
  void speaksASentenceAsAudibleSpeechOfAPlausibleLength() {
    short[] audio = synthesizer.synthesize(SENTENCE, VoiceOptions.DEFAULTS);
    double seconds = audio.length / (double) SpeechAudio.SAMPLE_RATE;
    // Twelve words at 150 words per minute is about five seconds; allow generous pauses either way.
    assertThat(seconds).isBetween(2.5, 9.0);
    assertThat(SpeechAudio.level(audio, audio.length)).isGreaterThan(0.3);
  }

  @Test
  void aFasterRateGivesShorterSpeech() {
    int slow = synthesizer.synthesize(SENTENCE, VoiceOptions.DEFAULTS.withRate(100)).length;
    int fast = synthesizer.synthesize(SENTENCE, VoiceOptions.DEFAULTS.withRate(250)).length;
    assertThat((double) fast / slow).isLessThan(0.7);
  }

  @Test
  void aLowerVolumeGivesQuieterSpeech() {
    short[] loud = synthesizer.synthesize(SENTENCE, VoiceOptions.DEFAULTS);
    short[] quiet = synthesizer.synthesize(SENTENCE, VoiceOptions.DEFAULTS.withVolume(0.25));
    assertThat(peak(quiet)).isBetween((int) (peak(loud) * 0.2), (int) (peak(loud) * 0.3));
    assertThat(synthesizer.synthesize(SENTENCE, VoiceOptions.DEFAULTS.withVolume(0))).containsOnly((short) 0);
  }

  @Test
  void stopsWhenTheListenerHasHeardEnough() {
    int whole = synthesizer.synthesize(SENTENCE + " " + SENTENCE + " " + SENTENCE, VoiceOptions.DEFAULTS).length;
    AtomicInteger heard = new AtomicInteger();
    AtomicInteger chunks = new AtomicInteger();
    synthesizer.speak(SENTENCE + " " + SENTENCE + " " + SENTENCE, VoiceOptions.DEFAULTS, (samples, count) -> {
      heard.addAndGet(count);
      return chunks.incrementAndGet() < 2;
    });
    assertThat(chunks.get()).isEqualTo(2);
    assertThat(heard.get()).isLessThan(whole / 2);
  }

  @Test
  void refusesBlankTextWithAMessage() {
    assertThatThrownBy(() -> synthesizer.synthesize("  \n", VoiceOptions.DEFAULTS))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("no text to read aloud");
  }

  @Test
  void offersItsVoicesAndNamesThemWhenAnUnknownOneIsAsked() {
    assertThat(synthesizer.voices()).isNotEmpty();
    assertThat(synthesizer.synthesize("Hello.", VoiceOptions.DEFAULTS.withVoice(synthesizer.voices().getFirst())))
        .isNotEmpty();
    assertThatThrownBy(() -> synthesizer.synthesize("Hello.", VoiceOptions.DEFAULTS.withVoice("hal9000")))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("hal9000")
        .hasMessageContaining(synthesizer.voices().getFirst());
  }

  @Test
  void rejectsOutOfRangeOptions() {
    assertThatThrownBy(() -> VoiceOptions.DEFAULTS.withRate(1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VoiceOptions.DEFAULTS.withVolume(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int peak(short[] audio) {
    int peak = 0;
    for (short s : audio) {
      peak = Math.max(peak, Math.abs(s));
    }
    return peak;
  }
}
