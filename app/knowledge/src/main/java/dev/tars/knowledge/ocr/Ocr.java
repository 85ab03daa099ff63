package dev.tars.knowledge.ocr;

import dev.tars.knowledge.document.DocumentRejectedException;
import java.nio.file.Path;

/** Reads the text of an image file. Implementations may be slow; callers run them off the UI thread. */
public interface Ocr extends AutoCloseable {

  /**
   * @return the recognised text (may be empty for an image without text)
   * @throws DocumentRejectedException when this image cannot be read (too large, crash, timeout)
   */
  String read(Path image) throws DocumentRejectedException;

  @Override
  void close();
}
