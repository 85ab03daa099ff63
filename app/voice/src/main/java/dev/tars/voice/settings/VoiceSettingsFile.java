package dev.tars.voice.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tars.voice.VoiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link VoiceSettings} in {@code voice-settings.json} in the data home. Voice settings live apart from the
 * core settings so that the voice module can change them without touching core. A damaged file is set aside (never
 * deleted) and the defaults are used.
 */
public final class VoiceSettingsFile {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceSettingsFile.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public VoiceSettingsFile(Path dataHome) {
    this.file = dataHome.resolve("voice-settings.json");
  }

  public Path file() {
    return file;
  }

  /** The saved settings; the defaults if none were saved or the file is damaged. */
  public synchronized VoiceSettings load() {
    if (!Files.exists(file)) {
      return VoiceSettings.DEFAULTS;
    }
    try {
      VoiceSettings settings = JSON.readValue(file.toFile(), VoiceSettings.class);
      return settings == null ? VoiceSettings.DEFAULTS : settings;
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + Instant.now().toEpochMilli());
      LOG.warn("Voice settings in {} are unreadable; keeping a copy as {} and using defaults", file, aside, e);
      try {
        Files.move(file, aside);
      } catch (IOException moveFailure) {
        LOG.warn("Could not set aside {}", file, moveFailure);
      }
      return VoiceSettings.DEFAULTS;
    }
  }

  /** Saves atomically: the old file stays intact until the new one is complete. */
  public synchronized void save(VoiceSettings settings) {
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(partial.toFile(), settings);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new VoiceException("Could not save the voice settings to " + file + ": " + e.getMessage(), e);
    }
  }
}
