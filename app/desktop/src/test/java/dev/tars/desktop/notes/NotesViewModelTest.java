package dev.tars.desktop.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.Actions;
import dev.tars.actions.notes.Note;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.memory.MemoryService;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Notes page's view model on real H2, run synchronously: autosave, one edit per visit, drafts, undo. */
class NotesViewModelTest {
  @TempDir Path home;
  private Database database;
  private Actions actions;
  private final Notices notices = new Notices();
  private NotesViewModel viewModel;

  @BeforeEach
  void open() {
    database = TestDatabase.open(home);
    actions = Actions.open(database.dataSource(), new MemoryService(database.dataSource(), Clock.systemUTC()),
        Clock.systemUTC(), ZoneOffset.UTC, DesktopNotifier.NONE);
    viewModel = newViewModel();
  }

  private NotesViewModel newViewModel() {
    return new NotesViewModel(actions.notes(), actions.service(), List::of, Background.direct(),
        I18n.forLanguage("en"), notices);
  }

  @AfterEach
  void close() {
    actions.close();
    database.close();
  }

  private void type(String body) {
    viewModel.bodyProperty().set(body);
    viewModel.edited();
    viewModel.autosave();
  }

  private long edits() {
    return actions.activity().recent(100).stream().filter(e -> e.kind().equals("note.edit")).count();
  }

  @Test
  void theNoteProjectFieldShowsTheDefaultProjectByItsTranslatedName() {
    ProjectService projects = new ProjectService(database.dataSource(), Clock.systemUTC());
    projects.create("Tesis");
    NotesViewModel inSpanish = new NotesViewModel(actions.notes(), actions.service(), projects::projects,
        Background.direct(), I18n.forLanguage("es"), notices);
    inSpanish.refresh();

    assertThat(inSpanish.projectOptions()).extracting(NotesViewModel.ProjectOption::name)
        .containsExactly("Sin proyecto", "General", "Tesis");
  }

  @Test
  void aNewNoteIsCreatedAtTheFirstPauseAndItsEditsAreOneActionWhenLeft() {
    viewModel.newNote();
    viewModel.tagsProperty().set("#Home, codes");
    type("Wifi password: tortuga");
    assertThat(viewModel.selectedIdProperty().get()).isPositive();
    assertThat(viewModel.saveStateProperty().get()).isEqualTo(NotesViewModel.SaveState.SAVED);
    assertThat(viewModel.rows()).extracting(NotesViewModel.Row::title).containsExactly("Wifi password: tortuga");
    long id = viewModel.selectedIdProperty().get();

    type("Wifi password: tortuga-42");
    type("Wifi password: tortuga-42 (guest network)");
    assertThat(actions.notes().drafts()).containsKey(id);
    assertThat(edits()).isZero();

    viewModel.newNote();
    assertThat(edits()).isEqualTo(1);
    assertThat(actions.notes().drafts()).isEmpty();
    Note stored = actions.notes().find(id).orElseThrow();
    assertThat(stored.body()).isEqualTo("Wifi password: tortuga-42 (guest network)");
    assertThat(stored.tags()).containsExactly("home", "codes");
  }

  @Test
  void aDraftLeftByACrashIsRecordedAtTheNextStart() {
    viewModel.newNote();
    type("Shopping: milk");
    long id = viewModel.selectedIdProperty().get();
    type("Shopping: milk, eggs");
    // The app is killed here: no commit. The next start records the draft.
    NotesViewModel next = newViewModel();
    next.recoverDrafts();
    assertThat(actions.notes().find(id).orElseThrow().body()).isEqualTo("Shopping: milk, eggs");
    assertThat(actions.notes().drafts()).isEmpty();
    assertThat(edits()).isEqualTo(1);
  }

  @Test
  void deleteOffersUndoThatBringsTheNoteBack() {
    viewModel.newNote();
    type("Portal code 4512");
    long id = viewModel.selectedIdProperty().get();
    viewModel.delete();
    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.editingProperty().get()).isFalse();
    Notices.Notice notice = notices.shown().getLast();
    assertThat(notice.text()).isEqualTo("Deleted the note “Portal code 4512”.");
    notice.action().run();
    assertThat(viewModel.rows()).extracting(NotesViewModel.Row::id).containsExactly(id);
    assertThat(viewModel.bodyProperty().get()).isEqualTo("Portal code 4512");
  }

  @Test
  void searchFoldsAccentsAndOpeningANoteOutsideTheResultsClearsTheSearch() {
    viewModel.newNote();
    type("El código del portal es 4512");
    long portal = viewModel.selectedIdProperty().get();
    viewModel.newNote();
    type("Comprar café");
    long coffee = viewModel.selectedIdProperty().get();
    viewModel.queryProperty().set("codigo");
    assertThat(viewModel.rows()).extracting(NotesViewModel.Row::id).containsExactly(portal);
    assertThat(viewModel.statusProperty().get()).isEqualTo("1 note found");
    viewModel.queryProperty().set("cafe");
    assertThat(viewModel.rows()).extracting(NotesViewModel.Row::id).containsExactly(coffee);
    viewModel.queryProperty().set("codigo");
    viewModel.open(portal);
    viewModel.open(coffee);
    assertThat(viewModel.queryProperty().get()).isEmpty();
    assertThat(viewModel.rows()).hasSize(2);
  }
}
