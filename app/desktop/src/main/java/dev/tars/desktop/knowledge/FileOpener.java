package dev.tars.desktop.knowledge;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a file in the program the system uses for it, or shows it in its folder. Blocking: call it in the
 * background.
 */
public interface FileOpener {
  void open(Path file) throws IOException;

  /** Shows the file in the system's file manager without opening it (see {@link OpenFilePolicy}). */
  void showInFolder(Path file) throws IOException;
}
