package dev.tars.desktop.notes;

import dev.tars.actions.Action;
import dev.tars.actions.ActionService;
import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.projects.Project;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Notes page: the list (all notes, or the ones a search finds), and the editor of one note. Every change
 * goes through the {@link ActionService} (logged, with Undo). While the person types, the view calls
 * {@link #autosave()} after a short pause: a new note is created then, and the text of an existing one is kept as
 * a draft in the database; the edit itself is recorded once, when the person leaves the note ({@link #commit()}).
 * A draft left by a crash or a kill is recorded at the next start ({@link #recoverDrafts()}). UI thread only;
 * storage runs through {@link Background}, in order. The list and its search live in {@link NoteSearch}.
 */
public final class NotesViewModel {
  /** What the page shows. */
  public enum State { LOADING, READY, FAILED }

  /** Where the editor's text stands. */
  public enum SaveState { NONE, SAVING, SAVED, FAILED }

  /** A note in the list. */
  public record Row(long id, String title, String preview, List<String> tags, Instant updatedAt) {}

  /** A project a note can belong to; {@code id} null is "no project". */
  public record ProjectOption(Long id, String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final NoteStore notes;
  private final ActionService actions;
  private final Supplier<List<Project>> projects;
  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final NoteSearch search;
  private final ReadOnlyObjectWrapper<SaveState> saveState = new ReadOnlyObjectWrapper<>(SaveState.NONE);
  private final ObservableList<ProjectOption> projectOptions = FXCollections.observableArrayList();
  private final ReadOnlyLongWrapper selectedId = new ReadOnlyLongWrapper();
  private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper();
  private final StringProperty title = new SimpleStringProperty("");
  private final StringProperty body = new SimpleStringProperty("");
  private final StringProperty tags = new SimpleStringProperty("");
  private final ObjectProperty<ProjectOption> project = new SimpleObjectProperty<>();
  private final ProjectOption noProject;
  /** The draft last stored or saved, to tell whether the editor holds anything new. */
  private Note.Draft saved;
  private boolean creating;
  private boolean autosaveAfterCreate;
  private boolean loading;

  /** @param projects the projects a note can belong to (blocking, called in the background); none: empty */
  public NotesViewModel(NoteStore notes, ActionService actions, Supplier<List<Project>> projects,
      Background background, I18n i18n, Notices notices) {
    this.notes = notes;
    this.actions = actions;
    this.projects = projects;
    this.background = background;
    this.i18n = i18n;
    this.notices = notices;
    this.search = new NoteSearch(notes, background, i18n);
    this.noProject = new ProjectOption(null, i18n.get("notes.noProject"));
    projectOptions.add(noProject);
    project.set(noProject);
    search.queryProperty().addListener((obs, old, now) -> refresh());
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return search.stateProperty();
  }

  public ReadOnlyObjectProperty<SaveState> saveStateProperty() {
    return saveState.getReadOnlyProperty();
  }

  /** The search; blank lists every note, newest first. */
  public StringProperty queryProperty() {
    return search.queryProperty();
  }

  public ObservableList<Row> rows() {
    return search.rows();
  }

  public ObservableList<ProjectOption> projectOptions() {
    return projectOptions;
  }

  /** The note in the editor; 0 for a new note not stored yet (or none). */
  public ReadOnlyLongProperty selectedIdProperty() {
    return selectedId.getReadOnlyProperty();
  }

  /** Whether the editor holds a note (an existing one or a new one). */
  public ReadOnlyBooleanProperty editingProperty() {
    return editing.getReadOnlyProperty();
  }

  public StringProperty titleProperty() {
    return title;
  }

  /** The Markdown text. */
  public StringProperty bodyProperty() {
    return body;
  }

  /** Tags as typed: words separated by spaces or commas, with or without {@code #}. */
  public StringProperty tagsProperty() {
    return tags;
  }

  public ObjectProperty<ProjectOption> projectProperty() {
    return project;
  }

  /** "12 notes", "3 found", "Nothing found for …", or a failure. */
  public ReadOnlyStringProperty statusProperty() {
    return search.statusProperty();
  }

  /** Lists the notes (or the search's) and the projects. */
  public void refresh() {
    search.refresh();
    background.run(projects::get, list -> {
      ProjectOption chosen = project.get();
      List<ProjectOption> options = new ArrayList<>(List.of(noProject));
      list.forEach(p -> options.add(new ProjectOption(p.id(), p.name())));
      projectOptions.setAll(options);
      project.set(option(chosen == null ? null : chosen.id()));
    }, e -> {});
  }

  /** Records drafts left by a crash or a kill as edits, at start (in the background). */
  public void recoverDrafts() {
    background.run(() -> {
      Map<Long, Note.Draft> drafts = notes.drafts();
      drafts.forEach((id, draft) -> {
        notes.find(id).filter(stored -> !sameText(stored.draft(), draft))
            .ifPresent(stored -> actions.execute(new Action.EditNote(id, draft), Origin.WINDOW));
        notes.discardDraft(id);
      });
      return drafts.size();
    }, count -> {
      if (count > 0) {
        refresh();
      }
    }, e -> notices.error(i18n.get("notes.recoverFailed")));
  }

  /** Opens note {@code id} in the editor (the person clicked it, or a link asked for it). */
  public void open(long id) {
    if (id == selectedId.get() && editing.get()) {
      return;
    }
    commit();
    background.run(() -> notes.find(id).orElseThrow(() -> new ActionException("action.noteNotFound", id)), note -> {
      show(note);
      search.reveal(id);
    }, e -> notices.error(i18n.get("notes.openFailed")));
  }

  /** An empty editor for a new note; it is stored when the person has typed something. */
  public void newNote() {
    commit();
    loading = true;
    selectedId.set(0);
    title.set("");
    body.set("");
    tags.set("");
    project.set(noProject);
    loading = false;
    saved = null;
    editing.set(true);
    saveState.set(SaveState.NONE);
  }

  /** The editor's text changed (called by the view; autosave follows after a pause). */
  public void edited() {
    if (!loading && editing.get() && !Objects.equals(saved, draft())) {
      saveState.set(SaveState.SAVING);
    }
  }

  /**
   * Keeps what the editor holds: creates a new note (once it has text) or saves the draft of an existing one.
   * The view calls this after a pause in typing.
   */
  public void autosave() {
    if (!editing.get()) {
      return;
    }
    Note.Draft draft = draft();
    if (Objects.equals(saved, draft)) {
      saveState.set(saved == null ? SaveState.NONE : SaveState.SAVED);
      return;
    }
    long id = selectedId.get();
    if (id == 0) {
      if (draft.body().isBlank() && title.get().isBlank()) {
        return;
      }
      if (creating) {
        autosaveAfterCreate = true;
        return;
      }
      creating = true;
      background.run(() -> (Note) actions.execute(new Action.CreateNote(draft), Origin.WINDOW).subject(), note -> {
        creating = false;
        saved = note.draft();
        if (selectedId.get() == 0 && editing.get()) {
          selectedId.set(note.id());
        }
        saveState.set(SaveState.SAVED);
        refresh();
        if (autosaveAfterCreate) {
          autosaveAfterCreate = false;
          autosave();
        }
      }, e -> {
        creating = false;
        failed(e);
      });
      return;
    }
    background.run(() -> {
      notes.saveDraft(id, draft);
      return draft;
    }, ignored -> {
      saved = draft;
      if (selectedId.get() == id) {
        saveState.set(SaveState.SAVED);
      }
    }, this::failed);
  }

  /**
   * Records the edit of the note in the editor as one action (with Undo) when its text differs from the stored
   * note, and clears its draft. Called when the person leaves the note or the page.
   */
  public void commit() {
    long id = selectedId.get();
    if (!editing.get() || id == 0) {
      return;
    }
    Note.Draft draft = draft();
    background.run(() -> {
      Note stored = notes.find(id).orElse(null);
      boolean changed = stored != null && !sameText(stored.draft(), draft)
          && !(draft.body().isBlank() && draft.title().isBlank());
      if (changed) {
        actions.execute(new Action.EditNote(id, draft), Origin.WINDOW);
      }
      notes.discardDraft(id);
      return changed;
    }, changed -> {
      if (changed) {
        refresh();
      }
    }, this::failed);
  }

  /** Deletes the note in the editor (after recording its last edit), with Undo in the notice. */
  public void delete() {
    long id = selectedId.get();
    if (!editing.get()) {
      return;
    }
    if (id == 0) {
      newNote();
      editing.set(false);
      return;
    }
    commit();
    String shown = title.get().isBlank() ? Note.Draft.of(body.get()).title() : title.get();
    background.run(() -> actions.execute(new Action.DeleteNote(id), Origin.WINDOW).entry(), entry -> {
      close();
      refresh();
      notices.post(new Notices.Notice(Notices.Kind.INFO, i18n.get("notes.deleted", shown),
          i18n.get("notes.undo"), () -> undo(entry)));
    }, e -> notices.error(i18n.get("notes.deleteFailed", message(e))));
  }

  private void undo(ActivityEntry entry) {
    background.run(() -> actions.undo(entry.id(), Origin.WINDOW), undone -> {
      refresh();
      open(entry.subjectId());
    }, e -> notices.error(message(e)));
  }

  /** Leaves the editor empty (no note open). */
  private void close() {
    loading = true;
    selectedId.set(0);
    title.set("");
    body.set("");
    tags.set("");
    loading = false;
    saved = null;
    editing.set(false);
    saveState.set(SaveState.NONE);
  }

  private void show(Note note) {
    loading = true;
    selectedId.set(note.id());
    title.set(note.title());
    body.set(note.body());
    tags.set(String.join(" ", note.tags()));
    project.set(option(note.projectId()));
    loading = false;
    saved = draft();
    editing.set(true);
    saveState.set(SaveState.SAVED);
  }

  private Note.Draft draft() {
    List<String> words = Arrays.stream((tags.get() == null ? "" : tags.get()).split("[,\\s]+"))
        .filter(t -> !t.isBlank()).toList();
    ProjectOption chosen = project.get();
    return new Note.Draft(title.get(), body.get() == null ? "" : body.get(), words,
        chosen == null ? null : chosen.id());
  }

  private ProjectOption option(Long id) {
    return projectOptions.stream().filter(o -> Objects.equals(o.id(), id)).findFirst().orElse(noProject);
  }

  private static boolean sameText(Note.Draft a, Note.Draft b) {
    return a.title().equals(b.title()) && a.body().equals(b.body()) && a.tags().equals(b.tags())
        && Objects.equals(a.projectId(), b.projectId());
  }

  private void failed(Exception e) {
    saveState.set(SaveState.FAILED);
    notices.error(i18n.get("notes.saveFailed", message(e)));
  }

  private String message(Exception e) {
    return e instanceof ActionException a ? a.describe(Texts.of(i18n.locale())) : i18n.get("notes.unexpected");
  }
}
