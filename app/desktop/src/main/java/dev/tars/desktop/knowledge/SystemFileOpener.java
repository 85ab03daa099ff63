package dev.tars.desktop.knowledge;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens files with the desktop's default program, or shows them in their folder: AWT's {@link Desktop} where it
 * works, else the platform's opener command ({@code xdg-open}, {@code open}, {@code explorer}). AWT is not
 * available in every Linux session, and JavaFX's HostServices can only be called on the FX thread, where a slow
 * desktop would freeze the window.
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
    String os = os();
    run(os.contains("mac") ? List.of("open", file.toString())
        : os.contains("win") ? List.of("explorer", file.toString()) : List.of("xdg-open", file.toString()), file);
  }

  @Override
  public void showInFolder(Path file) throws IOException {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE_FILE_DIR)) {
        Desktop.getDesktop().browseFileDirectory(file.toFile());
        return;
      }
    } catch (UnsupportedOperationException | SecurityException e) {
      // Fall through to the command.
    }
    String os = os();
    if (os.contains("mac")) {
      run(List.of("open", "-R", file.toString()), file);
    } else if (os.contains("win")) {
      run(List.of("explorer", "/select," + file), file);
    } else {
      // Most Linux file managers answer the freedesktop ShowItems call, which selects the file; otherwise the
      // folder itself is opened (a folder's default program is always the file manager).
      try {
        run(List.of("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.FileManager1",
            "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
            "array:string:" + file.toUri(), "string:"), file);
      } catch (IOException e) {
        Path folder = file.toAbsolutePath().getParent();
        run(List.of("xdg-open", (folder == null ? file : folder).toString()), file);
      }
    }
  }

  private static String os() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
  }

  private static void run(List<String> command, Path file) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      // The opener returns once it handed the file over; a non-zero code means no program took it. Explorer's
      // exit code means nothing.
      if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() != 0 && !os().contains("win")) {
        throw new IOException(command.getFirst() + " could not open " + file + " (exit " + process.exitValue() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
