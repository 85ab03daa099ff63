package dev.tars.voice.recognition.pocketsphinx;

import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.recognition.SpeechRecognizerContract;
import java.nio.file.Path;

class PocketSphinxRecognizerIT extends SpeechRecognizerContract {

  @Override
  protected SpeechRecognizer createRecognizer(Path workDir) {
    return PocketSphinxRecognizer.loadEnglish(workDir.resolve("pocketsphinx.log"));
  }

  @Override
  protected double wordErrorRateBound() {
    // Measured 4.9% (3 errors in 61 words, deterministic engines); the STACK notes measured 13% on other
    // sentences. 15% tolerates a few more of PocketSphinx's misses on the diphone voice while still failing
    // on a broken path: wrong sample rate or byte order pushes the rate above 80%.
    return 0.15;
  }
}
