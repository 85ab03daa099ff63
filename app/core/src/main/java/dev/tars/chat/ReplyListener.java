package dev.tars.chat;

/**
 * Follows one answer as it streams. Methods are called on a background thread, in this order:
 * {@code started}, {@code prompt}, any number of {@code text}, then exactly one of {@code finished} or
 * {@code failed}.
 */
public interface ReplyListener {
  /** The user message (already committed) and the assistant draft (status STREAMING) exist. */
  default void started(Message assistantDraft, ContextTrim trim) {}

  /** Context added to this answer's prompt (project, memories, documents); called before {@code started}. */
  default void contextUsed(java.util.List<ContextBlock> blocks) {}

  /**
   * The messages sent to the model after context assembly and trimming (system prompt with project
   * instructions, memories and document passages, then the kept history); called before the first token.
   */
  default void prompt(java.util.List<dev.tars.engine.ChatMessage> messages) {}

  default void text(String delta) {}

  /** How the engine ended (reason, token counts); called before {@code finished} when the engine answered. */
  default void completed(dev.tars.engine.Completion completion) {}

  /** The answer ended; its status says whether it is complete, stopped or interrupted. */
  default void finished(Message answer) {}

  /** Nothing could be generated (no model, engine down); the message is meant for a person. */
  default void failed(String message) {}
}
