package dev.tars.search;

import java.time.Instant;
import java.util.Objects;

/**
 * One search result.
 *
 * @param title what the result is in: the conversation title, "Memory", the document name or the note's title
 * @param snippet the matching text with the matches marked
 * @param conversationId the conversation to open, or 0
 * @param messageId the message to scroll to, or 0 (open at the top)
 * @param reference what else opens it: {@code memory:<id>}, {@code note:<id>} or a document reference; empty for
 *     conversations
 * @param score higher is better; comparable across sources
 * @param when when the matching item was written, or null
 */
public record SearchHit(Kind kind, String title, Snippet snippet, long conversationId, long messageId,
    String reference, double score, Instant when) {
  /** What a result is. */
  public enum Kind { CONVERSATION, MESSAGE, MEMORY, DOCUMENT, NOTE }

  public SearchHit {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(snippet, "snippet");
    Objects.requireNonNull(reference, "reference");
  }
}
