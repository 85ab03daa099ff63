package dev.tars.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.voice.VoiceException;
import dev.tars.voice.testing.SpokenFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileSourceTest {

  @TempDir
  Path dir;

  @Test
  void convertsCdQualityStereoToSixteenKilohertzMonoKeepingLengthAndPitch() {
    Path wav = dir.resolve("stereo44.wav");
    SpokenFixtures.writeAs(wav, SpokenFixtures.tone(440, 2.0, 0.5), new AudioFormat(44_100, 16, 2, true, false));

    short[] samples = readAll(wav);

    assertThat(samples.length).isBetween(31_900, 32_100);
    assertThat(dominantFrequency(samples)).isBetween(430.0, 450.0);
    assertThat(SpeechAudio.level(samples, samples.length)).isGreaterThan(0.8);
  }

  @Test
  void convertsEightBitTelephoneAudio() {
    Path wav = dir.resolve("phone.wav");
    SpokenFixtures.writeAs(wav, SpokenFixtures.tone(300, 1.0, 0.5), new AudioFormat(8_000, 8, 1, false, false));

    short[] samples = readAll(wav);

    assertThat(samples.length).isBetween(15_900, 16_100);
    assertThat(dominantFrequency(samples)).isBetween(290.0, 310.0);
  }

  @Test
  void keepsAVoiceRecordedOnOnlyOneStereoChannel() throws IOException {
    short[] tone = SpokenFixtures.tone(500, 1.0, 0.5);
    byte[] stereo = new byte[tone.length * 4];
    for (int i = 0; i < tone.length; i++) {
      stereo[4 * i + 2] = (byte) tone[i];
      stereo[4 * i + 3] = (byte) (tone[i] >> 8);
    }
    Path wav = dir.resolve("right-only.wav");
    AudioFormat format = new AudioFormat(16_000, 16, 2, true, false);
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(stereo), format, tone.length),
        AudioFileFormat.Type.WAVE, wav.toFile());

    short[] samples = readAll(wav);

    assertThat(SpeechAudio.level(samples, samples.length)).isGreaterThan(0.5);
  }

  @Test
  void streamsAnHourLongRecordingInSmallBlocks() throws IOException {
    Path wav = dir.resolve("long.wav");
    long frames = 60L * 60 * SpeechAudio.SAMPLE_RATE;
    AudioSystem.write(new AudioInputStream(new QuietHum(frames * 2), SpeechAudio.FORMAT, frames),
        AudioFileFormat.Type.WAVE, wav.toFile());

    long total = 0;
    int largestBlock = 0;
    try (WavFileSource source = WavFileSource.open(wav)) {
      short[] block = new short[1600];
      for (int n; (n = source.read(block, 0, block.length)) >= 0; ) {
        total += n;
        largestBlock = Math.max(largestBlock, n);
      }
    }
    assertThat(total).isEqualTo(frames);
    assertThat(largestBlock).isEqualTo(1600);
  }

  @Test
  void stopEndsTheStreamEarly() {
    Path wav = dir.resolve("tone.wav");
    SpokenFixtures.writeAs(wav, SpokenFixtures.tone(440, 2.0, 0.5), SpeechAudio.FORMAT);
    try (WavFileSource source = WavFileSource.open(wav)) {
      short[] block = new short[1600];
      assertThat(source.read(block, 0, block.length)).isEqualTo(1600);
      source.stop();
      assertThat(source.read(block, 0, block.length)).isEqualTo(-1);
    }
  }

  @Test
  void randomBytesAreNotMistakenForAudio() throws IOException {
    Path wav = dir.resolve("noise.wav");
    byte[] noise = new byte[8_000];
    new Random(1).nextBytes(noise);
    Files.write(wav, noise);
    assertThatThrownBy(() -> WavFileSource.open(wav))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("noise.wav is not an audio file Tars can read")
        .hasMessageContaining("sox");
  }

  @Test
  void aWavHeaderWithADamagedFormatIsRejected() throws IOException {
    Path good = dir.resolve("good.wav");
    SpokenFixtures.writeAs(good, SpokenFixtures.tone(440, 0.5, 0.5), SpeechAudio.FORMAT);
    byte[] bytes = Files.readAllBytes(good);
    bytes[20] = 0x55; // the format code: no such encoding
    bytes[21] = 0x55;
    Path damaged = Files.write(dir.resolve("damaged.wav"), bytes);
    assertThatThrownBy(() -> WavFileSource.open(damaged))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("damaged.wav");
  }

  @Test
  void aWavWithNoSamplesIsReportedAsEmpty() {
    Path wav = dir.resolve("empty.wav");
    SpokenFixtures.writeAs(wav, new short[0], SpeechAudio.FORMAT);
    assertThatThrownBy(() -> WavFileSource.open(wav))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("empty.wav contains no audio");
  }

  @Test
  void aRecordingCutOffMidwayYieldsTheAudioThatIsThere() throws IOException {
    Path good = dir.resolve("whole.wav");
    SpokenFixtures.writeAs(good, SpokenFixtures.tone(440, 1.0, 0.5), SpeechAudio.FORMAT);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, 44 + 8_000));
    assertThat(readAll(cut)).hasSize(4_000);
  }

  @Test
  void aMissingFileOrAFolderSaysSo() {
    assertThatThrownBy(() -> WavFileSource.open(dir.resolve("nowhere.wav")))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("Cannot find the audio file");
    assertThatThrownBy(() -> WavFileSource.open(dir))
        .isInstanceOf(VoiceException.class)
        .hasMessageContaining("is a folder");
  }

  private static short[] readAll(Path wav) {
    try (WavFileSource source = WavFileSource.open(wav)) {
      short[] all = new short[0];
      short[] block = new short[1600];
      for (int n; (n = source.read(block, 0, block.length)) >= 0; ) {
        all = Arrays.copyOf(all, all.length + n);
        System.arraycopy(block, 0, all, all.length - n, n);
      }
      return all;
    }
  }

  /** Zero crossings per second / 2: good enough for a pure tone. */
  private static double dominantFrequency(short[] samples) {
    int crossings = 0;
    for (int i = 1; i < samples.length; i++) {
      if ((samples[i - 1] < 0) != (samples[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / (samples.length / (double) SpeechAudio.SAMPLE_RATE);
  }

  /** A generated stream, so an hour of audio never sits in memory. */
  private static final class QuietHum extends InputStream {
    private long remaining;

    QuietHum(long bytes) {
      this.remaining = bytes;
    }

    @Override
    public int read() {
      if (remaining <= 0) {
        return -1;
      }
      remaining--;
      return (int) (remaining & 0x0f);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      Arrays.fill(b, off, off + n, (byte) 3);
      remaining -= n;
      return n;
    }
  }
}
