package dev.tars.knowledge.chunk;

/**
 * A passage to embed and cite.
 *
 * @param ordinal position within the document, from 0
 * @param page 1-based page (slide, sheet), 0 when the format has no pages
 * @param start offset of the first character in the document's extracted text
 * @param end offset just past the last character
 */
public record Chunk(int ordinal, int page, int start, int end, String text) {}
