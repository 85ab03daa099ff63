package dev.tars.voice.recognition.vosk;

import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.recognition.SpeechRecognizerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract on a real Vosk model. No Vosk model can be downloaded on the build machines, so this runs only where
 * {@code TARS_VOSK_MODEL} names an unpacked model folder, and is skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "TARS_VOSK_MODEL", matches = ".+")
class VoskRecognizerIT extends SpeechRecognizerContract {

  @Override
  protected SpeechRecognizer createRecognizer(Path workDir) {
    return VoskRecognizer.load(Path.of(System.getenv("TARS_VOSK_MODEL")));
  }

  @Override
  protected double wordErrorRateBound() {
    // The same bound as PocketSphinx: the small English model reports 9.85% WER on LibriSpeech, better than
    // PocketSphinx, so it must do at least as well here.
    return 0.15;
  }
}
