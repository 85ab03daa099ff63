package dev.tars.voice.recognition;

import java.time.Duration;

/**
 * The outcome of recognizing one stream of audio.
 *
 * @param text the words recognized, lower case as the engine gives them; empty if nothing was said
 * @param audio how much audio was heard
 * @param processing wall time spent in the recognizer (feeding and finishing), not waiting for audio
 * @param processingCpu CPU time the recognition thread used for the same work; unlike wall time it does not grow
 *     when other programs compete for the cores
 * @param finishing wall time from the end of the audio to the final text (what a person waits after releasing
 *     the push-to-talk key)
 */
public record Transcript(String text, Duration audio, Duration processing, Duration processingCpu,
    Duration finishing) {

  /** Processing time per second of audio; below 1 means faster than real time. */
  public double realTimeFactor() {
    return audio.isZero() ? 0 : processing.toNanos() / (double) audio.toNanos();
  }

  /** CPU time per second of audio. */
  public double cpuRealTimeFactor() {
    return audio.isZero() ? 0 : processingCpu.toNanos() / (double) audio.toNanos();
  }
}
