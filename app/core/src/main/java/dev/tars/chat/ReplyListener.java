package dev.tars.chat;

/**
 * Follows one answer as it streams. Methods are called on a background thread, in this order:
 * {@code started}, any number of {@code text}, then exactly one of {@code finished} or {@code failed}.
 */
public interface ReplyListener {
  /** The user message (already committed) and the assistant draft (status STREAMING) exist. */
  default void started(Message assistantDraft, ContextTrim trim) {}

  /** Context added to this answer's prompt (project, memories, documents); called before {@code started}. */
  default void contextUsed(java.util.List<ContextBlock> blocks) {}

  default void text(String delta) {}

  /** The answer ended; its status says whether it is complete, stopped or interrupted. */
  default void finished(Message answer) {}

  /** Nothing could be generated (no model, engine down); the message is meant for a person. */
  default void failed(String message) {}
}
