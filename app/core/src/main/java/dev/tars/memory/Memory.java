package dev.tars.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * A fact about the user that Tars keeps between conversations.
 *
 * @param scope global, or the one project it belongs to
 * @param pinned pinned memories are always offered to the model (within the budget), before any other
 * @param sourceConversationId the conversation it was learned from, or 0 when typed in by hand
 * @param lastUsedAt when it was last added to a prompt, or null
 */
public record Memory(long id, MemoryScope scope, String text, boolean pinned, long sourceConversationId,
    Instant createdAt, Instant updatedAt, Instant lastUsedAt) {
  public Memory {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(text, "text");
  }
}
