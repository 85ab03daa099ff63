package dev.tars.knowledge;

/**
 * A cited passage with the text around it, to show it highlighted where it stands in its document.
 *
 * @param page 1-based page of the passage, 0 when the format has no pages
 * @param before text just before the passage (starts with "…" when cut)
 * @param after text just after it (ends with "…" when cut)
 * @param sentenceStart where, in {@code passage}, the sentence that answered starts
 * @param sentenceEnd where it ends (equal to {@code passage.length()} and 0 when the whole passage is meant)
 */
public record CitedPassage(DocumentInfo document, int page, String before, String passage, String after,
    int sentenceStart, int sentenceEnd) {

  public CitedPassage(DocumentInfo document, int page, String before, String passage, String after) {
    this(document, page, before, passage, after, 0, passage.length());
  }
}
