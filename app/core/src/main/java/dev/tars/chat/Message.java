package dev.tars.chat;

import dev.tars.engine.Role;
import java.time.Instant;

/** A stored message of a conversation. */
public record Message(
    long id, long conversationId, Role role, String content, MessageStatus status, Instant createdAt) {}
