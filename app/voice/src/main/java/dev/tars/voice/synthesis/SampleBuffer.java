package dev.tars.voice.synthesis;

import java.util.Arrays;

/** A growable sample array that is also a {@link SpeechSink}. */
public final class SampleBuffer implements SpeechSink {
  private short[] samples = new short[16_000];
  private int size;

  @Override
  public boolean accept(short[] chunk, int count) {
    if (size + count > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + count));
    }
    System.arraycopy(chunk, 0, samples, size, count);
    size += count;
    return true;
  }

  public int size() {
    return size;
  }

  public short[] toArray() {
    return Arrays.copyOf(samples, size);
  }
}
