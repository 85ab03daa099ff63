package dev.tars.knowledge.index;

/**
 * One search result, read from the index's stored fields and reranked.
 *
 * @param start where the matching small unit starts in the document's text; {@code end} just past it
 * @param text the unit's text
 * @param contextStart where the passage around the unit starts (what the model and the passage view get)
 * @param context that passage's text
 * @param highlightStart where the sentence that best matches the question starts; {@code highlightEnd} past it
 */
public record Hit(long documentId, long collectionId, String path, int ordinal, int page, int start, int end,
    String text, double score, int contextStart, int contextEnd, String context, int highlightStart,
    int highlightEnd) {}
