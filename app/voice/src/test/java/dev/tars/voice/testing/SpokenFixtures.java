package dev.tars.voice.testing;

import dev.tars.voice.audio.SpeechAudio;
import dev.tars.voice.audio.WavWriter;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import dev.tars.voice.synthesis.VoiceOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real speech for tests: sentences spoken by a real synthesizer into WAV files. */
public final class SpokenFixtures {
  /**
   * Everyday requests to an assistant, in the plain vocabulary the PocketSphinx English model knows; no
   * sentence was chosen or dropped for how well it happens to be recognized.
   */
  public static final List<String> SENTENCES = List.of(
      "The quick brown fox jumps over the lazy dog.",
      "Please open the window before you leave.",
      "I would like a cup of coffee with milk.",
      "The weather today is sunny and warm.",
      "Turn off the lights in the kitchen.",
      "What time is the meeting tomorrow morning?",
      "Send a message to my brother about dinner.",
      "How many people live in the city?");

  private SpokenFixtures() {}

  public record Spoken(String text, Path wav, short[] samples) {}

  /** Speaks each sentence into its own WAV file under {@code dir}. */
  public static List<Spoken> speak(SpeechSynthesizer synthesizer, List<String> sentences, Path dir) {
    List<Spoken> spoken = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      short[] samples = withSilence(synthesizer.synthesize(sentences.get(i), VoiceOptions.DEFAULTS), 0.3);
      Path wav = dir.resolve("sentence-" + i + ".wav");
      WavWriter.write(wav, samples);
      spoken.add(new Spoken(sentences.get(i), wav, samples));
    }
    return spoken;
  }

  /** Pads speech with silence on both sides, as a person pauses around pressing the key. */
  public static short[] withSilence(short[] speech, double seconds) {
    int pad = (int) (seconds * SpeechAudio.SAMPLE_RATE);
    short[] out = new short[speech.length + 2 * pad];
    System.arraycopy(speech, 0, out, pad, speech.length);
    return out;
  }

  /** Writes 16 kHz mono samples as a WAV in another format (rate, channels, bits), through the JDK converter. */
  public static void writeAs(Path file, short[] samples, AudioFormat format) {
    byte[] bytes = SpeechAudio.toBytes(samples, samples.length);
    try (AudioInputStream speech = new AudioInputStream(new ByteArrayInputStream(bytes), SpeechAudio.FORMAT,
        samples.length); AudioInputStream converted = AudioSystem.getAudioInputStream(format, speech)) {
      AudioSystem.write(converted, AudioFileFormat.Type.WAVE, file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pure tone, for checking conversions. */
  public static short[] tone(double hertz, double seconds, double amplitude) {
    short[] out = new short[(int) (seconds * SpeechAudio.SAMPLE_RATE)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hertz * i / SpeechAudio.SAMPLE_RATE));
    }
    return out;
  }
}
