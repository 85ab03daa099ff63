package dev.tars.voice.synthesis.freetts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.voice.synthesis.SpeechSynthesizer;
import dev.tars.voice.synthesis.SpeechSynthesizerContract;
import dev.tars.voice.synthesis.VoiceOptions;
import org.junit.jupiter.api.Test;

class FreeTtsSynthesizerIT extends SpeechSynthesizerContract {

  @Override
  protected SpeechSynthesizer createSynthesizer() {
    return FreeTtsSynthesizer.load();
  }

  @Test
  void theEightKilohertzVoiceIsConvertedToSpeechRate() {
    try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.load()) {
      short[] wide = tts.synthesize("Good morning.", VoiceOptions.DEFAULTS);
      short[] narrow = tts.synthesize("Good morning.", VoiceOptions.DEFAULTS.withVoice("kevin"));
      assertThat(tts.voices()).startsWith("kevin16").contains("kevin");
      assertThat((double) narrow.length / wide.length).isBetween(0.7, 1.4);
    }
  }
}
