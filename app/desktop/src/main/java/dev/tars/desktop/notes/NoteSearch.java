package dev.tars.desktop.notes;

import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.notes.NotesViewModel.Row;
import dev.tars.desktop.notes.NotesViewModel.State;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Notes page's list: every note newest first, or the ones the search finds, with a status line. A search
 * answered after a newer one was asked for is dropped. UI thread only; the store is read through
 * {@link Background}.
 */
final class NoteSearch {
  static final int LIST_LIMIT = 500;

  private final NoteStore notes;
  private final Background background;
  private final I18n i18n;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final StringProperty query = new SimpleStringProperty("");
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private long searchGeneration;

  NoteSearch(NoteStore notes, Background background, I18n i18n) {
    this.notes = notes;
    this.background = background;
    this.i18n = i18n;
  }

  ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  StringProperty queryProperty() {
    return query;
  }

  ObservableList<Row> rows() {
    return rows;
  }

  ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Lists the notes the query asks for. */
  void refresh() {
    String text = query.get() == null ? "" : query.get().strip();
    long generation = ++searchGeneration;
    background.run(() -> text.isEmpty() ? notes.all().stream().limit(LIST_LIMIT).map(NoteSearch::row).toList()
        : notes.search(text, LIST_LIMIT).stream().map(h -> row(h.note(), h.snippet().text())).toList(), found -> {
          if (generation != searchGeneration) {
            return;
          }
          rows.setAll(found);
          state.set(State.READY);
          status.set(text.isEmpty() ? i18n.get("notes.count", found.size())
              : found.isEmpty() ? i18n.get("notes.noneFound", text) : i18n.get("notes.found", found.size()));
        }, e -> {
          state.set(State.FAILED);
          status.set(i18n.get("notes.loadFailed"));
        });
  }

  /** Clears the search when note {@code id} is not in the list, so that the note opened is listed. */
  void reveal(long id) {
    if (rows.stream().noneMatch(r -> r.id() == id)) {
      query.set("");
    }
  }

  /** The first line of text that is not a heading nor the title, without Markdown marks: the list's preview. */
  private static Row row(Note note) {
    String preview = note.body().strip().lines().filter(l -> !l.strip().startsWith("#")).map(NoteSearch::plain)
        .filter(l -> !l.isBlank() && !l.equals(note.title())).findFirst().orElse("");
    return row(note, preview);
  }

  /** A Markdown line as plain text: no heading, list, quote or emphasis marks. */
  static String plain(String line) {
    return line.strip().replaceFirst("^(#{1,6}\\s+|[-*+]\\s+|\\d+[.)]\\s+|>\\s*)", "")
        .replaceAll("(\\*\\*|__|[*_`])", "").strip();
  }

  private static Row row(Note note, String preview) {
    return new Row(note.id(), note.title(), preview, note.tags(), note.updatedAt());
  }
}
