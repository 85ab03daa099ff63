package dev.tars.voice.readaloud;

import dev.tars.voice.VoiceException;

/** Hears what read-aloud is doing; called on the speaking thread, never the UI thread. */
public interface ReadAloudListener {
  ReadAloudListener NONE = new ReadAloudListener() {};

  /** A sentence is about to be spoken. */
  default void onSentence(String sentence) {}

  /** The first samples of this reading reached the output. */
  default void onFirstAudio() {}

  /** Everything was spoken, or the reading was stopped. */
  default void onFinished(boolean stopped) {}

  /** Reading failed (no speaker, voice error); the message is meant for the person. */
  default void onError(VoiceException error) {}
}
