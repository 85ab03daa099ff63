package dev.tars.voice.testing;

import dev.tars.voice.audio.AudioOutput;
import dev.tars.voice.audio.SpeechAudio;
import dev.tars.voice.synthesis.SampleBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An audio output that keeps what it is given and when the first samples came, in place of a sound card. In
 * real-time mode it blocks like a sound card with a fifth of a second of buffer, so speech takes as long to "play"
 * as to hear.
 */
public final class RecordingOutput implements AudioOutput {
  private static final long BUFFER_NANOS = 200_000_000L;
  private final boolean realTime;
  private long playedUntilNanos;
  private final SampleBuffer samples = new SampleBuffer();
  private final AtomicLong firstPlayNanos = new AtomicLong();
  private final AtomicInteger stops = new AtomicInteger();
  private volatile boolean closed;

  public RecordingOutput() {
    this(false);
  }

  public RecordingOutput(boolean realTime) {
    this.realTime = realTime;
  }

  @Override
  public void play(short[] chunk, int count) {
    long now = System.nanoTime();
    firstPlayNanos.compareAndSet(0, now);
    long wait;
    synchronized (this) {
      samples.accept(chunk, count);
      playedUntilNanos = Math.max(playedUntilNanos, now) + count * 1_000_000_000L / SpeechAudio.SAMPLE_RATE;
      wait = realTime ? playedUntilNanos - now - BUFFER_NANOS : 0;
    }
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  @Override
  public void drain() {}

  @Override
  public synchronized void stopNow() {
    playedUntilNanos = 0;
    stops.incrementAndGet();
  }

  @Override
  public void close() {
    closed = true;
  }

  public synchronized int sampleCount() {
    return samples.size();
  }

  public synchronized short[] samples() {
    return samples.toArray();
  }

  /** {@link System#nanoTime()} of the first play, 0 if nothing was played yet. */
  public long firstPlayNanos() {
    return firstPlayNanos.get();
  }

  public int stopCount() {
    return stops.get();
  }

  public boolean isClosed() {
    return closed;
  }
}
