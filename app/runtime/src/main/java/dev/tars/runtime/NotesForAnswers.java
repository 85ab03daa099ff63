package dev.tars.runtime;

import dev.tars.actions.notes.NoteSearch;
import dev.tars.actions.notes.NoteStore;
import dev.tars.knowledge.NoteSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The person's notes as a source for answers (the "Notes" entry of the Documents chooser): the notes store's
 * full-text search, keeping only notes that hold most of the question's words, so a question that merely
 * shares a word with a note does not drag it into the prompt.
 */
final class NotesForAnswers implements NoteSource {
  /** Score of a note holding about half the question's words ({@code NoteStore.search}: 2 * coverage^2). */
  static final double MIN_SCORE = 0.5;

  private final Supplier<NoteStore> notes;

  /** @param notes the store, asked for on first use (building it is deferred until a question needs it) */
  NotesForAnswers(Supplier<NoteStore> notes) {
    this.notes = notes;
  }

  @Override
  public List<NotePassage> find(String question, int limit) {
    return notes.get().search(question, limit).stream().filter(hit -> hit.score() >= MIN_SCORE)
        .map(hit -> new NotePassage(NoteSearch.reference(hit.note().id()), hit.note().title(), noteText(hit)))
        .toList();
  }

  private static String noteText(NoteStore.Hit hit) {
    String tags = hit.note().tags().isEmpty() ? "" : "\n#" + String.join(" #", hit.note().tags());
    return hit.note().body().strip() + tags;
  }
}
