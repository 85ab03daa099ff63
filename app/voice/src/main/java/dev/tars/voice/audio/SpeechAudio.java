package dev.tars.voice.audio;

import java.time.Duration;
import javax.sound.sampled.AudioFormat;

/** The one audio format every recognizer consumes: 16 kHz, 16-bit signed, mono, little-endian PCM. */
public final class SpeechAudio {
  public static final int SAMPLE_RATE = 16_000;
  public static final AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);

  private SpeechAudio() {}

  public static Duration durationOf(long samples) {
    return Duration.ofNanos(samples * 1_000_000_000L / SAMPLE_RATE);
  }

  public static long samplesIn(Duration duration) {
    return duration.toNanos() * SAMPLE_RATE / 1_000_000_000L;
  }

  /** Little-endian 16-bit bytes to samples; {@code byteCount} must be even. */
  public static void toSamples(byte[] bytes, int byteCount, short[] samples) {
    for (int i = 0, s = 0; i + 1 < byteCount; i += 2, s++) {
      samples[s] = (short) ((bytes[i] & 0xff) | (bytes[i + 1] << 8));
    }
  }

  /** Samples to little-endian 16-bit bytes. */
  public static byte[] toBytes(short[] samples, int count) {
    byte[] bytes = new byte[count * 2];
    for (int s = 0; s < count; s++) {
      bytes[2 * s] = (byte) samples[s];
      bytes[2 * s + 1] = (byte) (samples[s] >> 8);
    }
    return bytes;
  }

  /**
   * Loudness of a block for a level meter: 0 for silence, 1 at full scale, on a decibel scale from -60 dBFS so
   * that normal speech sits in the middle of the meter rather than at its bottom.
   */
  public static double level(short[] samples, int count) {
    if (count <= 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double v = samples[i] / 32768.0;
      sum += v * v;
    }
    double rms = Math.sqrt(sum / count);
    if (rms <= 1e-6) {
      return 0;
    }
    double db = 20 * Math.log10(rms);
    return Math.clamp((db + 60) / 60, 0.0, 1.0);
  }
}
