package dev.tars.voice.audio;

import dev.tars.voice.VoiceException;
import dev.tars.voice.VoiceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the microphone as {@link SpeechAudio#FORMAT}. Devices that cannot record 16 kHz mono directly are
 * opened at their usual rate and converted, the same way {@link WavFileSource} converts files.
 */
public final class MicrophoneSource implements AudioSource {
  private static final Logger LOG = LoggerFactory.getLogger(MicrophoneSource.class);
  private static final List<AudioFormat> FALLBACK_FORMATS = List.of(
      new AudioFormat(48_000, 16, 1, true, false), new AudioFormat(44_100, 16, 1, true, false),
      new AudioFormat(48_000, 16, 2, true, false), new AudioFormat(44_100, 16, 2, true, false));

  private final TargetDataLine line;
  private final String deviceName;
  private final AudioInputStream stream;
  private volatile boolean stopped;
  private volatile boolean closed;
  private byte[] bytes = new byte[0];

  private MicrophoneSource(TargetDataLine line, String deviceName) {
    this.line = line;
    this.deviceName = deviceName;
    AudioInputStream lineStream = new AudioInputStream(new LineInput(), line.getFormat(), AudioSystem.NOT_SPECIFIED);
    this.stream = line.getFormat().matches(SpeechAudio.FORMAT)
        ? lineStream : AudioSystem.getAudioInputStream(SpeechAudio.FORMAT, lineStream);
  }

  /**
   * Opens and starts the microphone called {@code deviceName} (as listed by {@link AudioDevices#microphones()}),
   * or the system default when it is null or blank.
   */
  public static MicrophoneSource open(String deviceName) {
    Mixer mixer = null;
    if (deviceName != null && !deviceName.isBlank()) {
      mixer = AudioDevices.findMixer(deviceName, TargetDataLine.class)
          .orElseThrow(() -> new VoiceUnavailableException(VoiceUnavailableException.Problem.MICROPHONE_NOT_CONNECTED,
              deviceName, "The microphone \"" + deviceName + "\" is not connected. Plug it in, or choose another"
              + " microphone in Settings > Voice.", null));
    }
    for (AudioFormat format : candidates()) {
      DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
      try {
        boolean supported = mixer == null ? AudioSystem.isLineSupported(info) : mixer.isLineSupported(info);
        if (!supported) {
          continue;
        }
        TargetDataLine line = (TargetDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
        // Two seconds of buffer: recognition may briefly fall behind capture without losing words.
        line.open(format, (int) (format.getFrameRate() * format.getFrameSize() * 2));
        line.start();
        String name = mixer == null ? "default microphone" : mixer.getMixerInfo().getName();
        LOG.info("Microphone open: {} at {}", name, format);
        return new MicrophoneSource(line, name);
      } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
        LOG.debug("Microphone format {} unavailable", format, e);
      }
    }
    throw new VoiceUnavailableException(VoiceUnavailableException.Problem.NO_MICROPHONE, "", "No microphone is"
        + " available. Connect a microphone (and allow Tars to use it in the system's privacy settings), then try"
        + " again; you can still type your message.", null);
  }

  private static List<AudioFormat> candidates() {
    return Stream.concat(Stream.of(SpeechAudio.FORMAT), FALLBACK_FORMATS.stream()).toList();
  }

  @Override
  public int read(short[] buffer, int offset, int length) {
    if (closed) {
      return -1;
    }
    int wanted = length * 2;
    if (bytes.length < wanted) {
      bytes = new byte[wanted];
    }
    try {
      int filled = 0;
      while (filled == 0 || filled % 2 != 0) {
        int n = stream.read(bytes, filled, wanted - filled);
        if (n < 0) {
          break;
        }
        filled += n;
      }
      int samples = filled / 2;
      if (samples == 0) {
        return -1;
      }
      short[] tmp = offset == 0 ? buffer : new short[samples];
      SpeechAudio.toSamples(bytes, samples * 2, tmp);
      if (tmp != buffer) {
        System.arraycopy(tmp, 0, buffer, offset, samples);
      }
      return samples;
    } catch (IOException e) {
      LOG.warn("Microphone read failed", e);
      throw new VoiceException("The microphone stopped delivering sound (" + e.getMessage() + "). Check that it is"
          + " still connected.", e);
    }
  }

  @Override
  public void stop() {
    stopped = true;
    line.stop();
  }

  @Override
  public String description() {
    return deviceName;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      line.stop();
      line.close();
      LOG.info("Microphone closed: {}", deviceName);
    }
  }

  /** The line as a stream that ends once the line is stopped and its buffer is drained. */
  private final class LineInput extends InputStream {
    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int frame = line.getFormat().getFrameSize();
      int chunk = Math.max(frame, (len / frame) * frame);
      if (stopped) {
        int available = (line.available() / frame) * frame;
        if (available == 0 || closed) {
          return -1;
        }
        chunk = Math.min(chunk, available);
      } else {
        // A tenth of a second at most per read, so partial results and the level meter stay lively.
        chunk = Math.min(chunk, Math.max(frame, (int) (line.getFormat().getFrameRate() / 10) * frame));
      }
      int n = line.read(b, off, chunk);
      return n == 0 && (stopped || closed) ? -1 : n;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "MicrophoneSource[%s, %s]", deviceName, line.getFormat());
  }
}
