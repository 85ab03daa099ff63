package dev.tars.knowledge.index;

import dev.tars.knowledge.chunk.Chunk;

/** A chunk with its vector, ready to be written to the index. */
public record IndexedChunk(Chunk chunk, float[] vector) {}
