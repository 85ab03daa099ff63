package dev.tars.knowledge.ocr;

import dev.tars.knowledge.document.DocumentRejectedException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Reads the text of an image file. Implementations may be slow; callers run them off the UI thread. */
public interface Ocr extends AutoCloseable {

  /**
   * @return the recognised text (may be empty for an image without text)
   * @throws DocumentRejectedException when this image cannot be read (too large, crash, timeout)
   */
  String read(Path image) throws DocumentRejectedException;

  /**
   * Reads a PDF page that the parser rendered within {@link PdfPagePlan}'s limits. The implementation keeps the
   * page's pixels where only this user can read them; a refusal names the page of the PDF, which is what the
   * person added.
   *
   * @param number the page's number in the PDF, from 1
   */
  String readPdfPage(BufferedImage page, int number) throws DocumentRejectedException;

  @Override
  void close();
}
