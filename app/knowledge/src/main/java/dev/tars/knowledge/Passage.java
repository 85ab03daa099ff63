package dev.tars.knowledge;

import java.nio.file.Path;

/**
 * A retrieved passage with everything a citation needs.
 *
 * @param page 1-based page (slide, sheet), 0 when the format has no pages
 * @param start offset of the passage in the document's extracted text (all chunks of a document: {@link KnowledgeService#chunks})
 * @param end offset just past its end
 * @param score fused relevance (reciprocal rank fusion of vector and keyword ranks); higher is better
 */
public record Passage(long documentId, long collectionId, Path path, int page, int start, int end, String text,
    double score) {}
