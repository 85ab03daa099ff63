package dev.tars.actions.notes;

import dev.tars.search.Query;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchSource;
import java.util.List;

/** Notes in Ctrl+K: found by title, text and tags; a result opens {@code note:<id>} on the Notes page. */
public final class NoteSearch implements SearchSource {
  /** The reference prefix of a note, in search results and in answer citations. */
  public static final String REFERENCE = "note:";

  private final NoteStore notes;

  public NoteSearch(NoteStore notes) {
    this.notes = notes;
  }

  /** {@code note:12}. */
  public static String reference(long noteId) {
    return REFERENCE + noteId;
  }

  /** The note id in {@code note:12}, or -1 when the reference is not a note's. */
  public static long noteId(String reference) {
    if (reference == null || !reference.startsWith(REFERENCE)) {
      return -1;
    }
    try {
      return Long.parseLong(reference.substring(REFERENCE.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public List<SearchHit> search(Query query, int limit) {
    return notes.search(query.text(), limit).stream().map(hit -> new SearchHit(SearchHit.Kind.NOTE,
        hit.note().title(), hit.snippet(), 0, 0, reference(hit.note().id()), hit.score(), hit.note().updatedAt()))
        .toList();
  }
}
