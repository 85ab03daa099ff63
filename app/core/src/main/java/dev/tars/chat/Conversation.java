package dev.tars.chat;

import dev.tars.engine.Sampling;
import java.time.Instant;

/**
 * A conversation and its own settings.
 *
 * @param systemPrompt may be empty (then no system message is sent)
 */
public record Conversation(
    long id, String title, String systemPrompt, Sampling sampling, Instant createdAt, Instant updatedAt) {}
