package dev.tars.knowledge;

/**
 * A cited passage with the text around it, to show it highlighted where it stands in its document.
 *
 * @param page 1-based page of the passage, 0 when the format has no pages
 * @param before text just before the passage (starts with "…" when cut)
 * @param after text just after it (ends with "…" when cut)
 */
public record CitedPassage(DocumentInfo document, int page, String before, String passage, String after) {}
