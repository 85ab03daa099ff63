package dev.tars.chat;

import java.util.List;

/**
 * Something that adds knowledge to the next answer: project instructions, memories about the user, passages
 * from the user's documents. Called once per answer, on a background thread, before tokens are counted.
 * Implementations keep their own token budget and return nothing when they have nothing relevant.
 */
@FunctionalInterface
public interface PromptContext {
  List<ContextBlock> contextFor(Conversation conversation, String latestUserText);
}
