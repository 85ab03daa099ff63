package dev.tars.knowledge.chunk;

/**
 * A small passage to embed and search (a few sentences), with the larger stretch of its document around it that
 * the model and the passage view are given ("small to big").
 *
 * @param ordinal position within the document, from 0
 * @param page 1-based page (slide, sheet), 0 when the format has no pages
 * @param start offset of the first character in the document's extracted text
 * @param end offset just past the last character
 * @param contextStart where the surrounding passage starts (<= start); the paragraph or paragraphs around it
 * @param contextEnd where it ends (>= end)
 * @param context the surrounding passage's text
 * @param heading the headings of the section it is in, outermost first, joined by " › "; empty when none
 */
public record Chunk(int ordinal, int page, int start, int end, String text, int contextStart, int contextEnd,
    String context, String heading) {

  /** A chunk that is its own context (as read back from the database, which keeps only the small units). */
  public Chunk(int ordinal, int page, int start, int end, String text) {
    this(ordinal, page, start, end, text, start, end, text, "");
  }
}
