package dev.tars.desktop.feature;

/**
 * A navigation request to the Notes page: show the note {@code noteId}. The shell hands one to features that link
 * to notes (Ctrl+K, a cited note under an answer, the router's answers); it does nothing when notes are not there.
 */
@FunctionalInterface
public interface NoteLink {
  NoteLink NONE = noteId -> {};

  void open(long noteId);
}
