package dev.tars.voice.synthesis.freetts;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.tars.voice.audio.SpeechAudio;
import dev.tars.voice.synthesis.SpeechSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Receives FreeTTS output and hands it on as {@link SpeechAudio#FORMAT} samples. Volume is applied to the samples
 * here: FreeTTS only passes it to its own players as a line gain, which a file or a recognizer would never hear.
 */
final class SinkPlayer implements AudioPlayer {
  private final SpeechSink sink;
  private final double volume;
  private AudioFormat format = SpeechAudio.FORMAT;
  private boolean stopped;
  private Exception failure;

  SinkPlayer(SpeechSink sink, double volume) {
    this.sink = sink;
    this.volume = volume;
  }

  Exception failure() {
    return failure;
  }

  @Override
  public boolean write(byte[] audio) {
    return write(audio, 0, audio.length);
  }

  @Override
  public boolean write(byte[] audio, int offset, int length) {
    if (stopped) {
      return false;
    }
    short[] samples;
    try {
      samples = toSpeechSamples(audio, offset, length);
    } catch (IOException | IllegalArgumentException e) {
      failure = e;
      stopped = true;
      return false;
    }
    if (volume < 1) {
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (short) Math.round(samples[i] * volume);
      }
    }
    if (samples.length > 0 && !sink.accept(samples, samples.length)) {
      stopped = true;
    }
    return !stopped;
  }

  private short[] toSpeechSamples(byte[] audio, int offset, int length) throws IOException {
    if (format.getSampleRate() == SpeechAudio.SAMPLE_RATE && format.getSampleSizeInBits() == 16
        && format.getChannels() == 1 && format.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED)) {
      short[] samples = new short[length / 2];
      boolean big = format.isBigEndian();
      for (int i = 0; i < samples.length; i++) {
        int hi = audio[offset + 2 * i + (big ? 0 : 1)];
        int lo = audio[offset + 2 * i + (big ? 1 : 0)] & 0xff;
        samples[i] = (short) ((hi << 8) | lo);
      }
      return samples;
    }
    // Other voices (8 kHz kevin) go through the JDK converter; per-chunk conversion is fine for speech.
    AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(audio, offset, length), format,
        length / format.getFrameSize());
    byte[] converted = AudioSystem.getAudioInputStream(SpeechAudio.FORMAT, in).readAllBytes();
    short[] samples = new short[converted.length / 2];
    SpeechAudio.toSamples(converted, samples.length * 2, samples);
    return samples;
  }

  @Override
  public void setAudioFormat(AudioFormat audioFormat) {
    this.format = audioFormat;
  }

  @Override
  public AudioFormat getAudioFormat() {
    return format;
  }

  @Override
  public void cancel() {
    stopped = true;
  }

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void reset() {}

  @Override
  public boolean drain() {
    return true;
  }

  @Override
  public void begin(int size) {}

  @Override
  public boolean end() {
    return !stopped;
  }

  @Override
  public void close() {}

  @Override
  public float getVolume() {
    return (float) volume;
  }

  @Override
  public void setVolume(float level) {}

  @Override
  public long getTime() {
    return 0;
  }

  @Override
  public void resetTime() {}

  @Override
  public void startFirstSampleTimer() {}

  @Override
  public void showMetrics() {}
}
