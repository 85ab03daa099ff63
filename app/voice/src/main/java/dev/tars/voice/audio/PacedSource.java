package dev.tars.voice.audio;

import java.util.concurrent.locks.LockSupport;

/**
 * Delivers another source no faster than real time, the way a microphone does. Lets a recording stand in for a
 * person speaking (benchmarks, demos on machines without a microphone) while exercising the live path.
 */
public final class PacedSource implements AudioSource {
  private final AudioSource inner;
  private long startNanos;
  private long delivered;
  private volatile boolean stopped;

  public PacedSource(AudioSource inner) {
    this.inner = inner;
  }

  @Override
  public int read(short[] buffer, int offset, int length) {
    if (stopped) {
      return -1;
    }
    int n = inner.read(buffer, offset, length);
    if (n < 0) {
      return n;
    }
    if (startNanos == 0) {
      startNanos = System.nanoTime();
    }
    delivered += n;
    long due = startNanos + delivered * 1_000_000_000L / SpeechAudio.SAMPLE_RATE;
    long wait;
    while (!stopped && (wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
    return n;
  }

  @Override
  public void stop() {
    stopped = true;
    inner.stop();
  }

  @Override
  public String description() {
    return inner.description() + " (paced)";
  }

  @Override
  public void close() {
    inner.close();
  }
}
