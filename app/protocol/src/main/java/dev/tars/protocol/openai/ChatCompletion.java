package dev.tars.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A whole (not streamed) chat completion with one choice.
 *
 * @param finishReason {@code stop} or {@code length}
 * @param tars the local API's extension object (citations, dropped messages), or null
 * @param timings llama.cpp server's timing object, or null
 */
public record ChatCompletion(String id, long created, String model, String content, String finishReason,
    Usage usage, JsonNode tars, JsonNode timings) {}
