package dev.tars.voice.synthesis;

/** Receives synthesized speech as it is made. */
@FunctionalInterface
public interface SpeechSink {

  /** Takes {@code count} samples (the array may be reused afterwards); returns false to stop the synthesis. */
  boolean accept(short[] samples, int count);
}
