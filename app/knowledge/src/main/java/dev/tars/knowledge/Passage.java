package dev.tars.knowledge;

import java.nio.file.Path;

/**
 * A retrieved passage with everything a citation needs.
 *
 * @param page 1-based page (slide, sheet), 0 when the format has no pages
 * @param start offset of the passage in the document's extracted text (all chunks of a document: {@link KnowledgeService#chunks})
 * @param end offset just past its end
 * @param text the whole passage: the paragraph or paragraphs around the unit that matched
 * @param score relevance after reranking; higher is better, comparable only within one search
 * @param highlightStart offset in the document's text of the sentence that best matches the question
 *     ({@code start <= highlightStart <= highlightEnd <= end})
 * @param highlightEnd offset just past that sentence
 */
public record Passage(long documentId, long collectionId, Path path, int page, int start, int end, String text,
    double score, int highlightStart, int highlightEnd) {

  /** A passage with no sentence singled out: the whole passage is the highlight. */
  public Passage(long documentId, long collectionId, Path path, int page, int start, int end, String text,
      double score) {
    this(documentId, collectionId, path, page, start, end, text, score, start, end);
  }
}
