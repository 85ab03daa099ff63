package dev.tars.desktop.knowledge;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens files with the desktop's default program: AWT's {@link Desktop} where it works, else the platform's
 * opener command ({@code xdg-open}, {@code open}). AWT is not available in every Linux session, and
 * JavaFX's HostServices can only be called on the FX thread, where a slow desktop would freeze the window.
 */
public final class SystemFileOpener implements FileOpener {
  @Override
  public void open(Path file) throws IOException {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
        Desktop.getDesktop().open(file.toFile());
        return;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Fall through to the command, which works in more Linux sessions.
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    List<String> command = os.contains("mac") ? List.of("open", file.toString())
        : os.contains("win") ? List.of("explorer", file.toString()) : List.of("xdg-open", file.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      // xdg-open returns once it handed the file over; a non-zero code means no program took it.
      if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() != 0 && !os.contains("win")) {
        throw new IOException(command.getFirst() + " could not open " + file + " (exit " + process.exitValue() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
