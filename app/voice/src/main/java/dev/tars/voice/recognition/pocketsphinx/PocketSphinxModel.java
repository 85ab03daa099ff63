package dev.tars.voice.recognition.pocketsphinx;

import dev.tars.voice.VoiceUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three files a PocketSphinx decoder needs.
 *
 * @param acousticModel folder with {@code mdef}, {@code means}, ... ({@code -hmm})
 * @param languageModel n-gram model ({@code -lm})
 * @param dictionary pronunciation dictionary ({@code -dict})
 */
public record PocketSphinxModel(Path acousticModel, Path languageModel, Path dictionary) {
  private static final Path DEBIAN_EN_US = Path.of("/usr/share/pocketsphinx/model/en-us");
  private static final String INSTALL_HINT =
      " Install the English model with: sudo apt-get install pocketsphinx pocketsphinx-en-us";

  /** US English as installed by Debian's {@code pocketsphinx-en-us} package. */
  public static PocketSphinxModel debianEnglish() {
    return new PocketSphinxModel(DEBIAN_EN_US.resolve("en-us"), DEBIAN_EN_US.resolve("en-us.lm.bin"),
        DEBIAN_EN_US.resolve("cmudict-en-us.dict"));
  }

  /** Whether all three parts are present. */
  public boolean isInstalled() {
    return Files.isRegularFile(acousticModel.resolve("mdef")) && Files.isRegularFile(languageModel)
        && Files.isRegularFile(dictionary);
  }

  /** Throws with what to install when a part is missing. */
  public void requireInstalled() {
    if (!Files.isRegularFile(acousticModel.resolve("mdef"))) {
      throw new VoiceUnavailableException("The PocketSphinx acoustic model is missing (" + acousticModel + ")."
          + INSTALL_HINT);
    }
    if (!Files.isRegularFile(languageModel)) {
      throw new VoiceUnavailableException("The PocketSphinx language model is missing (" + languageModel + ")."
          + INSTALL_HINT);
    }
    if (!Files.isRegularFile(dictionary)) {
      throw new VoiceUnavailableException("The PocketSphinx dictionary is missing (" + dictionary + ")."
          + INSTALL_HINT);
    }
  }
}
