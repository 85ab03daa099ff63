package dev.tars.chat;

import dev.tars.engine.EngineException;

/** The newest message (with the system prompt) alone does not fit the model's context window. */
public final class PromptTooLongException extends EngineException {
  private static final long serialVersionUID = 1L;

  public PromptTooLongException(String message) {
    super(message);
  }
}
