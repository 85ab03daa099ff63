package dev.tars.desktop.fx;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** PNGs of a window for docs/screenshots, written only when the TARS_SCREENS environment variable names a folder. */
public final class WindowShots {
  private WindowShots() {}

  /** Saves the scene that holds {@code anyNode} as {@code name} in TARS_SCREENS; does nothing without it. */
  public static void save(Node anyNode, String name) throws Exception {
    String dir = System.getenv("TARS_SCREENS");
    if (dir == null || dir.isBlank()) {
      return;
    }
    WritableImage image = FxWait.fx(() -> anyNode.getScene().getRoot().snapshot(null, null));
    PixelReader pixels = image.getPixelReader();
    BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
        BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    ImageIO.write(out, "png", Files.createDirectories(Path.of(dir)).resolve(name).toFile());
  }
}
