package dev.tars.desktop.fx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * PNGs of a window: for docs/screenshots, written only when the TARS_SCREENS environment variable names a folder,
 * or into a folder a test names itself.
 */
public final class WindowShots {
  private WindowShots() {}

  /** Saves the scene that holds {@code anyNode} as {@code name} in TARS_SCREENS; does nothing without it. */
  public static void save(Node anyNode, String name) throws Exception {
    String dir = System.getenv("TARS_SCREENS");
    if (dir == null || dir.isBlank()) {
      return;
    }
    saveTo(Path.of(dir), anyNode, name);
  }

  /** Saves the scene that holds {@code anyNode} as {@code name} in {@code folder}, once pending layout is done. */
  public static void saveTo(Path folder, Node anyNode, String name) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = FxWait.fx(() -> anyNode.getScene().getRoot().snapshot(null, null));
    write(image, Files.createDirectories(folder).resolve(name));
  }

  /** Writes {@code image} (a JavaFX snapshot) as a PNG file; callable from any thread. */
  public static void write(Image image, Path file) throws IOException {
    PixelReader pixels = image.getPixelReader();
    BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
        BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    ImageIO.write(out, "png", file.toFile());
  }
}
