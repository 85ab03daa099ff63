package dev.tars.engine.gguf;

import dev.tars.engine.EngineException;
import java.nio.file.Path;

/** A model file that cannot be used, with a one-line message naming the file and the reason. */
public final class BadModelFileException extends EngineException {
  private static final long serialVersionUID = 1L;

  /** Why a file was refused; lets callers react (e.g. offer a re-download for {@link #TRUNCATED}). */
  public enum Reason {
    MISSING, UNREADABLE, EMPTY, NOT_GGUF, UNSUPPORTED_VERSION, TRUNCATED, DAMAGED, UNSUPPORTED_ARCHITECTURE,
    NOT_A_CHAT_MODEL, UNSUPPORTED_TENSOR_TYPE
  }

  private final Reason reason;
  private final transient Path file;

  public BadModelFileException(Reason reason, Path file, String message) {
    super(message);
    this.reason = reason;
    this.file = file;
  }

  public BadModelFileException(Reason reason, Path file, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.file = file;
  }

  public Reason reason() {
    return reason;
  }

  public Path file() {
    return file;
  }
}
