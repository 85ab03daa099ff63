package dev.tars.voice;

import java.util.Optional;

/**
 * A voice feature cannot start on this machine: a speech model, a native library or an audio device is missing.
 * The rest of the app keeps working; the message says what to install or plug in. A missing or broken speech model
 * or audio device also says which {@link Problem} it is, so the window can say it in the person's language (the
 * message is the English, for the command line and the log).
 */
public class VoiceUnavailableException extends VoiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Speech-model and audio-device problems a front end words itself; {@code subject} names the model folder or the
   * device where there is one.
   */
  public enum Problem { NO_VOSK_MODEL, NO_RECOGNIZER, VOSK_FOLDER_MISSING, NOT_A_VOSK_MODEL, VOSK_CANNOT_RUN,
    VOSK_DAMAGED, MICROPHONE_NOT_CONNECTED, NO_MICROPHONE, SPEAKER_NOT_CONNECTED, NO_SPEAKER }

  private final Problem problem;
  private final String subject;

  public VoiceUnavailableException(String message) {
    this(message, null);
  }

  public VoiceUnavailableException(String message, Throwable cause) {
    this(null, "", message, cause);
  }

  public VoiceUnavailableException(Problem problem, String subject, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.subject = subject;
  }

  public Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }

  /** The model folder or device the problem is about, or empty. */
  public String subject() {
    return subject;
  }
}
