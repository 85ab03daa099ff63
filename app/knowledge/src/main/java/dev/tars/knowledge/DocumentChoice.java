package dev.tars.knowledge;

import java.util.List;

/**
 * Whether a conversation's answers use the person's documents, and from which collections.
 *
 * @param collectionIds the collections to search; empty means all of them
 */
public record DocumentChoice(boolean enabled, List<Long> collectionIds) {
  public static final DocumentChoice OFF = new DocumentChoice(false, List.of());

  public DocumentChoice {
    collectionIds = List.copyOf(collectionIds);
  }
}
