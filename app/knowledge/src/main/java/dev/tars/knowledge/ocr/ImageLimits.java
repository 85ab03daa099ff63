package dev.tars.knowledge.ocr;

import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.document.NotIndexedReason.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks an image's size from its header alone, before anything decodes it: a 30000 x 30000 picture would
 * need gigabytes of memory once decoded.
 */
public final class ImageLimits {
  /** Enough for an A4 page scanned at 600 dpi (about 35 megapixels) with room to spare. */
  public static final long MAX_PIXELS = 60_000_000L;
  public static final int MAX_SIDE = 20_000;

  private ImageLimits() {}

  /** Returns {width, height} after checking both are within limits. */
  public static int[] check(Path image) throws DocumentRejectedException {
    try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
      if (in == null) {
        throw DocumentRejectedException.of(Key.IMAGE_UNOPENABLE);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw DocumentRejectedException.of(Key.IMAGE_FORMAT);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
          throw DocumentRejectedException.of(Key.IMAGE_TOO_LARGE, width, height, MAX_PIXELS / 1_000_000);
        }
        return new int[] {width, height};
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.IMAGE_DAMAGED, e.getMessage()), e);
    }
  }
}
