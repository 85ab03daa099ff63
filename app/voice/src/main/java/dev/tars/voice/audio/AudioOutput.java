package dev.tars.voice.audio;

/**
 * Where synthesized speech goes: the speakers, or anything that wants the samples as they are made.
 * {@link #play} is called from one speaking thread; {@link #stopNow} from any thread.
 */
public interface AudioOutput extends AutoCloseable {

  /** Queues samples in {@link SpeechAudio#FORMAT}; may block while the device buffer is full. */
  void play(short[] samples, int count);

  /** Blocks until everything queued has been heard. */
  void drain();

  /** Silences at once, dropping whatever is queued. */
  void stopNow();

  @Override
  void close();
}
