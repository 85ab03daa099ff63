package dev.tars.protocol.openai;

/**
 * An entry of {@code GET /v1/models}.
 *
 * @param contextLength the context window in tokens, -1 when the server does not say (Tars and llama.cpp do)
 * @param dimension an embedding model's vector size, else null
 */
public record Model(String id, long created, String ownedBy, int contextLength, Integer dimension) {}
