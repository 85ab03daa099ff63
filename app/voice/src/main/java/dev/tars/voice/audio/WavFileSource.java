package dev.tars.voice.audio;

import dev.tars.voice.VoiceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an audio file (WAV, AIFF or AU; any sample rate, mono or stereo, 8/16/24/32-bit or float) as
 * {@link SpeechAudio#FORMAT}. The conversion is the JDK's own resampler, and the file is read in blocks, so an
 * hour-long file costs no more memory than a short one.
 */
public final class WavFileSource implements AudioSource {
  private static final Logger LOG = LoggerFactory.getLogger(WavFileSource.class);
  private static final String CONVERT_HINT =
      " Save it as a 16-bit PCM WAV file, for example with: sox input.mp3 -r 16000 -c 1 output.wav";

  private final Path file;
  private final AudioInputStream converted;
  private final AudioFormat originalFormat;
  private byte[] bytes = new byte[0];
  private long samplesRead;
  private volatile boolean stopped;
  private boolean closed;

  private WavFileSource(Path file, AudioInputStream converted, AudioFormat originalFormat) {
    this.file = file;
    this.converted = converted;
    this.originalFormat = originalFormat;
  }

  /** Opens {@code file}; a missing, unreadable, empty or non-audio file gives a {@link VoiceException}. */
  public static WavFileSource open(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (Files.isDirectory(file)) {
      throw new VoiceException(name + " is a folder, not an audio file. Give the path of a .wav file.");
    }
    if (!Files.isRegularFile(file)) {
      throw new VoiceException("Cannot find the audio file " + file + ". Check the path and try again.");
    }
    InputStream raw = null;
    try {
      raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
      AudioInputStream original = AudioSystem.getAudioInputStream(raw);
      AudioFormat format = original.getFormat();
      if (original.getFrameLength() == 0) {
        original.close();
        throw new VoiceException(name + " contains no audio (it is empty). Record or choose another file.");
      }
      AudioInputStream converted = convert(original, name);
      LOG.debug("Reading {} ({}, {} frames) as {}", file, format, original.getFrameLength(), SpeechAudio.FORMAT);
      return new WavFileSource(file, converted, format);
    } catch (UnsupportedAudioFileException e) {
      closeQuietly(raw);
      LOG.debug("Not an audio file: {}", file, e);
      throw new VoiceException(name + " is not an audio file Tars can read (WAV, AIFF or AU), or it is damaged."
          + CONVERT_HINT, e);
    } catch (IOException e) {
      closeQuietly(raw);
      LOG.warn("Cannot read {}", file, e);
      throw new VoiceException("Cannot read " + name + ": " + e.getMessage() + ". Check that the file is"
          + " readable and not damaged.", e);
    } catch (VoiceException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  private static AudioInputStream convert(AudioInputStream original, String name) throws IOException {
    AudioFormat from = original.getFormat();
    if (matches(from)) {
      return original;
    }
    try {
      return AudioSystem.getAudioInputStream(SpeechAudio.FORMAT, original);
    } catch (IllegalArgumentException direct) {
      // Some encodings (u-law, 8-bit) convert only to PCM at their own rate first; then the resampler takes over.
      AudioFormat pcm = new AudioFormat(from.getSampleRate(), 16, from.getChannels(), true, false);
      try {
        return AudioSystem.getAudioInputStream(SpeechAudio.FORMAT, AudioSystem.getAudioInputStream(pcm, original));
      } catch (IllegalArgumentException e) {
        original.close();
        LOG.debug("No converter from {} to {}", from, SpeechAudio.FORMAT, e);
        throw new VoiceException(name + " uses an audio encoding Tars cannot convert ("
            + describe(from) + ")." + CONVERT_HINT, e);
      }
    }
  }

  private static boolean matches(AudioFormat f) {
    return f.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED) && f.getSampleRate() == SpeechAudio.SAMPLE_RATE
        && f.getSampleSizeInBits() == 16 && f.getChannels() == 1 && !f.isBigEndian();
  }

  private static String describe(AudioFormat f) {
    return String.format(Locale.ROOT, "%s, %.0f Hz, %d-bit, %d channel(s)", f.getEncoding(), f.getSampleRate(),
        f.getSampleSizeInBits(), f.getChannels());
  }

  @Override
  public int read(short[] buffer, int offset, int length) {
    if (stopped || closed) {
      return endOfAudio();
    }
    int wanted = length * 2;
    if (bytes.length < wanted) {
      bytes = new byte[wanted];
    }
    try {
      int filled = 0;
      // A converter may hand back an odd byte count; keep reading so that every sample is whole.
      while (filled < wanted) {
        int n = converted.read(bytes, filled, wanted - filled);
        if (n < 0) {
          break;
        }
        filled += n;
        if (filled % 2 == 0 && filled > 0) {
          break;
        }
      }
      int samples = filled / 2;
      if (samples == 0) {
        return endOfAudio();
      }
      short[] tmp = offset == 0 ? buffer : new short[samples];
      SpeechAudio.toSamples(bytes, samples * 2, tmp);
      if (tmp != buffer) {
        System.arraycopy(tmp, 0, buffer, offset, samples);
      }
      samplesRead += samples;
      return samples;
    } catch (IOException e) {
      LOG.warn("Reading {} failed after {} samples", file, samplesRead, e);
      throw new VoiceException(String.format(Locale.ROOT,
          "%s is damaged: reading stopped after %.1f seconds of audio (%s). Try another copy of the file.",
          file.getFileName(), samplesRead / (double) SpeechAudio.SAMPLE_RATE, e.getMessage()), e);
    }
  }

  private int endOfAudio() {
    if (samplesRead == 0 && !stopped) {
      throw new VoiceException(file.getFileName() + " contains no audio. Record or choose another file.");
    }
    return -1;
  }

  /** The format the file is stored in, before conversion. */
  public AudioFormat originalFormat() {
    return originalFormat;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public String description() {
    return file.toString();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeQuietly(converted);
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        LOG.debug("Closing audio stream failed", e);
      }
    }
  }
}
