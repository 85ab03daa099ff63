package dev.tars.models;

import dev.tars.engine.gguf.BadModelFileException;
import dev.tars.engine.gguf.GgufFile;
import java.nio.file.Path;

/** Checks a model file with {@link GgufFile}, turning its refusals into {@link ModelException}s. */
final class GgufCheck {
  private GgufCheck() {}

  /** Reads and checks a chat model, or explains why it cannot be used. */
  static GgufFile read(Path file, String shownAs) throws ModelException {
    try {
      return GgufFile.read(file);
    } catch (BadModelFileException e) {
      throw new ModelException(DownloadText.of(DownloadText.Key.valueOf("GGUF_" + e.reason().name()),
          e.getMessage().replace(file.toString(), shownAs), shownAs), e);
    }
  }

  /** The check for a catalog download: a usable chat GGUF of the architecture the catalog promises. */
  static FileCheck forCatalog(CatalogEntry entry) {
    return part -> {
      GgufFile gguf;
      try {
        gguf = read(part, entry.fileName());
      } catch (ModelException e) {
        throw new ModelException(DownloadText.of(DownloadText.Key.NOT_USABLE, e.text()), e.getCause());
      }
      if (entry.architecture() != null && !entry.architecture().equals(gguf.architecture())) {
        throw new ModelException(DownloadText.of(DownloadText.Key.WRONG_ARCHITECTURE, gguf.architecture(),
            entry.architecture(), entry.name()), null);
      }
    };
  }
}
