package dev.tars.desktop.knowledge;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a file in the program the system uses for it. Blocking: call it in the background. */
@FunctionalInterface
public interface FileOpener {
  void open(Path file) throws IOException;
}
