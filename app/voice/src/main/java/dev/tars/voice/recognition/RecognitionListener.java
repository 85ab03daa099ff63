package dev.tars.voice.recognition;

/** Hears the text recognized so far while an utterance is still being spoken. */
@FunctionalInterface
public interface RecognitionListener {
  RecognitionListener NONE = text -> {};

  /** The best guess of the whole utterance so far; later calls may revise earlier words. */
  void onPartial(String textSoFar);
}
