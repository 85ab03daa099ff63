package dev.tars.voice;

/**
 * A voice feature cannot start on this machine: a speech model, a native library or an audio device is missing.
 * The rest of the app keeps working; the message says what to install or plug in.
 */
public class VoiceUnavailableException extends VoiceException {
  private static final long serialVersionUID = 1L;

  public VoiceUnavailableException(String message) {
    super(message);
  }

  public VoiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
