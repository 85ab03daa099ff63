package dev.tars.voice;

import dev.tars.config.AppPaths;
import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxModel;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxRecognizer;
import dev.tars.voice.recognition.vosk.VoskRecognizer;
import dev.tars.voice.settings.VoiceSettings;
import dev.tars.voice.settings.VoiceSettings.RecognizerChoice;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks and loads the speech engines the settings ask for. Loading takes seconds: call these off the UI thread.
 * Vosk models are folders under {@code <data home>/models/vosk/}, where the Models page unpacks them.
 */
public final class VoiceEngines {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceEngines.class);

  private final AppPaths paths;

  public VoiceEngines(AppPaths paths) {
    this.paths = paths;
  }

  /** Where Vosk models are unpacked, one folder per model. */
  public Path voskModelsFolder() {
    return paths.models().resolve("vosk");
  }

  /** The Vosk model folders that look complete, by name. */
  public List<Path> installedVoskModels() {
    Path folder = voskModelsFolder();
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(VoskRecognizer::looksLikeModel).sorted().toList();
    } catch (IOException e) {
      LOG.warn("Cannot list Vosk models in {}", folder, e);
      return List.of();
    }
  }

  /**
   * Loads the recognizer {@code settings} choose. With {@link RecognizerChoice#AUTO} a Vosk model that fails to load
   * falls back to PocketSphinx (logged), so speech input keeps working.
   *
   * @throws VoiceUnavailableException with what to install when no engine can run
   */
  public SpeechRecognizer openRecognizer(VoiceSettings settings) {
    return switch (settings.recognizer()) {
      case POCKETSPHINX -> openPocketSphinx();
      case VOSK -> VoskRecognizer.load(voskModel(settings).orElseThrow(() -> new VoiceUnavailableException(
          VoiceUnavailableException.Problem.NO_VOSK_MODEL, "", "No Vosk speech model is installed. Download one (e.g."
              + " vosk-model-small-en-us-0.15) from the Models page, or choose PocketSphinx in Settings > Voice.",
          null)));
      case AUTO -> {
        var vosk = voskModel(settings);
        if (vosk.isPresent()) {
          try {
            yield VoskRecognizer.load(vosk.get());
          } catch (VoiceException e) {
            LOG.warn("Vosk unavailable ({}); using PocketSphinx", e.getMessage());
          }
        }
        yield openPocketSphinx();
      }
    };
  }

  private Optional<Path> voskModel(VoiceSettings settings) {
    if (!settings.voskModel().isBlank()) {
      Path chosen = voskModelsFolder().resolve(settings.voskModel());
      return Files.isDirectory(chosen) ? Optional.of(chosen) : Optional.empty();
    }
    return installedVoskModels().stream().findFirst();
  }

  private SpeechRecognizer openPocketSphinx() {
    PocketSphinxModel model = PocketSphinxModel.debianEnglish();
    if (!model.isInstalled()) {
      throw new VoiceUnavailableException(VoiceUnavailableException.Problem.NO_RECOGNIZER, "", "No speech recognizer"
          + " is installed. Download a Vosk model from the Models page, or install PocketSphinx with: sudo apt-get"
          + " install pocketsphinx pocketsphinx-en-us", null);
    }
    try {
      Files.createDirectories(paths.logs());
    } catch (IOException e) {
      throw new VoiceException("Cannot create the log folder " + paths.logs() + ": " + e.getMessage(), e);
    }
    return PocketSphinxRecognizer.load(model, paths.logs().resolve("pocketsphinx.log"),
        PocketSphinxRecognizer.defaultTuning());
  }

  /** The built-in voice. */
  public SpeechSynthesizer openSynthesizer() {
    return FreeTtsSynthesizer.load();
  }
}
