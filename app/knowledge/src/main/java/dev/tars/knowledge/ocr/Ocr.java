package dev.tars.knowledge.ocr;

import dev.tars.knowledge.parse.DocumentRejectedException;
import java.nio.file.Path;

/** Reads the text of an image file. Implementations may be slow; callers run them off the UI thread. */
public interface Ocr extends AutoCloseable {

  /**
   * @return the recognised text (may be empty for an image without text)
   * @throws DocumentRejectedException when this image cannot be read (too large, crash, timeout)
   */
  String read(Path image) throws DocumentRejectedException;

  /**
   * Reads a PDF page that the parser rendered to an image within its own size limits; a refusal names the page
   * of the PDF, which is what the person added, not the temporary image.
   */
  default String readPdfPage(Path renderedPage, int page) throws DocumentRejectedException {
    return read(renderedPage);
  }

  @Override
  void close();
}
