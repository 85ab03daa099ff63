package dev.tars.voice.recognition;

import java.util.concurrent.CompletableFuture;

/** Speech being captured and recognized; from {@link ListeningPipeline#start}. Methods are thread-safe. */
public interface Listening {

  /**
   * Ends capture (the push-to-talk key was released): audio already captured is still recognized, then
   * {@link #result()} completes.
   */
  void stop();

  /** Abandons capture and recognition; {@link #result()} completes exceptionally with a cancellation. */
  void cancel();

  /**
   * The final transcript. Completes exceptionally with a {@link dev.tars.voice.VoiceException} whose message is
   * meant for the person (bad audio, lost microphone, recognizer failure).
   */
  CompletableFuture<Transcript> result();
}
