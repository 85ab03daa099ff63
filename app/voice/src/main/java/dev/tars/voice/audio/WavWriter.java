package dev.tars.voice.audio;

import dev.tars.voice.VoiceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes {@link SpeechAudio#FORMAT} samples as a WAV file. */
public final class WavWriter {
  private WavWriter() {}

  /**
   * Writes {@code samples} to {@code file}, replacing it. The file is written beside the target and moved into
   * place, so a failure never leaves half a file under the requested name.
   */
  public static void write(Path file, short[] samples) {
    Path target = file.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    byte[] bytes = SpeechAudio.toBytes(samples, samples.length);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), SpeechAudio.FORMAT,
        samples.length)) {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, partial.toFile());
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // the original failure is the one worth reporting
      }
      throw new VoiceException("Cannot write " + file + ": " + e.getMessage() + ". Check that the folder exists"
          + " and is writable.", e);
    }
  }
}
