package dev.tars.voice.audio;

import dev.tars.voice.VoiceUnavailableException;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays speech on a sound card through {@code javax.sound.sampled}. */
public final class SpeakerOutput implements AudioOutput {
  private static final Logger LOG = LoggerFactory.getLogger(SpeakerOutput.class);

  private final SourceDataLine line;
  private final String deviceName;
  private volatile boolean closed;

  private SpeakerOutput(SourceDataLine line, String deviceName) {
    this.line = line;
    this.deviceName = deviceName;
  }

  /** Opens the speaker called {@code deviceName}, or the system default when null or blank. */
  public static SpeakerOutput open(String deviceName) {
    Mixer mixer = null;
    if (deviceName != null && !deviceName.isBlank()) {
      mixer = AudioDevices.findMixer(deviceName, SourceDataLine.class)
          .orElseThrow(() -> new VoiceUnavailableException(VoiceUnavailableException.Problem.SPEAKER_NOT_CONNECTED,
              deviceName, "The speaker \"" + deviceName + "\" is not connected. Plug it in, or choose another output"
              + " in Settings > Voice.", null));
    }
    DataLine.Info info = new DataLine.Info(SourceDataLine.class, SpeechAudio.FORMAT);
    try {
      SourceDataLine line = (SourceDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
      // A fifth of a second of buffer: short enough that Stop is heard as immediate.
      line.open(SpeechAudio.FORMAT, SpeechAudio.SAMPLE_RATE * 2 / 5);
      line.start();
      String name = mixer == null ? "default speaker" : mixer.getMixerInfo().getName();
      LOG.info("Speaker open: {}", name);
      return new SpeakerOutput(line, name);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      LOG.info("No speaker available", e);
      throw new VoiceUnavailableException(VoiceUnavailableException.Problem.NO_SPEAKER, "", "No speaker or"
          + " headphones are available to read aloud. Connect one (or check the system sound settings), then try"
          + " again.", e);
    }
  }

  @Override
  public void play(short[] samples, int count) {
    if (closed) {
      return;
    }
    byte[] bytes = SpeechAudio.toBytes(samples, count);
    line.start();
    line.write(bytes, 0, bytes.length);
  }

  @Override
  public void drain() {
    if (!closed) {
      line.drain();
    }
  }

  @Override
  public void stopNow() {
    line.stop();
    line.flush();
  }

  public String deviceName() {
    return deviceName;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      stopNow();
      line.close();
    }
  }
}
