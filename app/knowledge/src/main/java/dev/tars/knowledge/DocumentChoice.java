package dev.tars.knowledge;

import java.util.List;

/**
 * Whether a conversation's answers use the person's documents, from which collections, and whether they also
 * draw on the person's notes.
 *
 * @param collectionIds the collections to search; empty means all of them
 * @param notes whether matching notes are added to the documents' passages ({@link NoteSource})
 */
public record DocumentChoice(boolean enabled, List<Long> collectionIds, boolean notes) {
  public static final DocumentChoice OFF = new DocumentChoice(false, List.of(), false);

  public DocumentChoice {
    collectionIds = List.copyOf(collectionIds);
  }

  /** Documents only, no notes. */
  public DocumentChoice(boolean enabled, List<Long> collectionIds) {
    this(enabled, collectionIds, false);
  }
}
