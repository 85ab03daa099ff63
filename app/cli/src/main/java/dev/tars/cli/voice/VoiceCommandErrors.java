package dev.tars.cli.voice;

import dev.tars.voice.VoiceException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;

/** Voice failures a person can act on: one line on the terminal, the details in the log. */
final class VoiceCommandErrors {
  /** Same as {@code ExitCodes.FAILURE}: the command could not do its work. */
  static final int FAILURE = 1;

  private VoiceCommandErrors() {}

  static int report(PrintWriter err, VoiceException e) {
    LoggerFactory.getLogger(VoiceCommandErrors.class).info("Voice command failed: {}", e.getMessage(), e);
    err.println("tars: " + e.getMessage());
    err.flush();
    return FAILURE;
  }
}
