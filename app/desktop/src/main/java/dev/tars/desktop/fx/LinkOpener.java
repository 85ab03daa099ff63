package dev.tars.desktop.fx;

import java.awt.Desktop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Opens a web link in the desktop's browser: AWT's {@link Desktop} where it works, else the platform's opener
 * command. Call it off the JavaFX thread (a slow desktop would freeze the window), as {@code SystemFileOpener}
 * does for files.
 */
public final class LinkOpener {
  /** Opens {@code link}; throws when neither AWT nor the opener command could start the browser. */
  public void open(URI link) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(link);
        return;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Fall through to the command, which works in more Linux sessions.
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    List<String> command = os.contains("mac") ? List.of("open", link.toString())
        : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", link.toString())
        : List.of("xdg-open", link.toString());
    try {
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException("No browser could be started for " + link, e);
    }
  }
}
