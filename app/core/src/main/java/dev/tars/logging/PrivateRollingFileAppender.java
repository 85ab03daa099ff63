package dev.tars.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.tars.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Logback's rolling file appender, but the log folder is created 0700 and each log file 0600 before Logback
 * opens it (Java cannot set the umask, and logs hold file names and errors that are nobody else's business).
 * Rolled and compressed files are tightened after each roll; one still being compressed in the background is
 * tightened at the next start (see {@link PrivateFiles}).
 */
public class PrivateRollingFileAppender extends RollingFileAppender<ILoggingEvent> {

  @Override
  public void openFile(String fileName) throws IOException {
    Path file = Path.of(fileName).toAbsolutePath();
    PrivateFiles.createDirectories(file.getParent());
    PrivateFiles.createFile(file);
    super.openFile(fileName);
  }

  @Override
  public void rollover() {
    super.rollover();
    String current = getFile();
    if (current != null) {
      PrivateFiles.tighten(Path.of(current).toAbsolutePath().getParent());
    }
  }
}
