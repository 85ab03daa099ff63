package dev.tars.voice;

/**
 * A voice operation failed in a way a person can act on. The message is written for them (what happened and what
 * to do); the cause, if any, is for the log.
 */
public class VoiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VoiceException(String message) {
    super(message);
  }

  public VoiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
