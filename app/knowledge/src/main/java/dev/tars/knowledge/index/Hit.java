package dev.tars.knowledge.index;

/** One fused search result, read from the index's stored fields. */
public record Hit(long documentId, long collectionId, String path, int ordinal, int page, int start, int end,
    String text, double score) {}
