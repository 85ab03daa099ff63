package dev.tars.memory;

/**
 * Turns text into a vector for semantic matching of memories. The composition root adapts the knowledge
 * module's embedder to it; without one, memories are matched by keywords alone.
 */
@FunctionalInterface
public interface TextEmbedder {
  /** A vector of the same length for every text; need not be normalized. */
  float[] embed(String text) throws Exception;
}
