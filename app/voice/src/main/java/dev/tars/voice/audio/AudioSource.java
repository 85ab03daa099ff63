package dev.tars.voice.audio;

/**
 * A stream of {@link SpeechAudio#FORMAT} samples: a microphone or a file, read through the same code path.
 * {@link #read} blocks until samples are available; one reader thread at a time. {@link #stop} may be called from
 * any thread (it is what releasing the push-to-talk key does).
 */
public interface AudioSource extends AutoCloseable {

  /** Fills up to {@code length} samples; returns how many, or -1 once the source has ended or was stopped. */
  int read(short[] buffer, int offset, int length);

  /** Ends the stream: samples already captured are still delivered, then {@link #read} returns -1. */
  void stop();

  /** Where the audio comes from, for messages and logs (a file name or a device name). */
  String description();

  /** Releases the file or device. Idempotent. */
  @Override
  void close();
}
