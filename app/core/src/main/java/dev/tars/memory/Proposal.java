package dev.tars.memory;

import java.time.Instant;

/**
 * A fact the model proposed to remember, waiting for the person to accept or reject it.
 *
 * @param origin {@code conversation} (after a conversation) or {@code nightly} (nightly synthesis)
 * @param sourceConversationId the conversation it came from, or 0
 */
public record Proposal(long id, MemoryScope scope, String text, String origin, long sourceConversationId,
    Instant createdAt) {}
