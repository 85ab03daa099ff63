package dev.tars.actions.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.search.Query;
import dev.tars.search.SearchHit;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Note search on a real H2 file: accents, word forms in both languages, tags, ranking, drafts. */
class NoteStoreSearchTest {
  @TempDir Path dir;
  private Database database;
  private NoteStore notes;

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir);
    notes = new NoteStore(database.dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
  }

  private List<String> titles(String query) {
    return notes.search(query, 10).stream().map(h -> h.note().title()).toList();
  }

  @Test
  void accentsDoNotMatterEitherWay() {
    notes.add(new Note.Draft("Portal", "El código del portal es 4512", List.of("casa"), null));
    notes.add(new Note.Draft("Cafe", "Buy cafe beans on Friday", List.of(), null));
    assertThat(titles("codigo portal")).containsExactly("Portal");
    assertThat(titles("código")).containsExactly("Portal");
    assertThat(titles("café")).containsExactly("Cafe");
  }

  @Test
  void wordFormsMatchInEnglishAndSpanish() {
    notes.add(new Note.Draft("Reuniones", "Las reuniones de los lunes empiezan a las diez", List.of(), null));
    notes.add(new Note.Draft("Meetings", "Weekly meetings moved to the blue room", List.of(), null));
    assertThat(titles("reunión")).containsExactly("Reuniones");
    assertThat(titles("meeting")).containsExactly("Meetings");
    assertThat(titles("lunes")).containsExactly("Reuniones");
  }

  @Test
  void tagsAndTitleCountAndStopWordsAloneFindNothing() {
    notes.add(new Note.Draft("Wifi at home", "Password: tortuga-42", List.of("network"), null));
    notes.add(new Note.Draft("Groceries", "Milk, eggs and the wifi router cable", List.of(), null));
    assertThat(titles("network")).containsExactly("Wifi at home");
    assertThat(titles("what did I note about the wifi?")).containsExactly("Wifi at home", "Groceries");
    assertThat(titles("the and of")).isEmpty();
  }

  @Test
  void snippetMarksTheMatchingWordsAsWritten() {
    notes.add(new Note.Draft("Portal", "Recordar: el código del portal es 4512", List.of(), null));
    NoteStore.Hit hit = notes.search("codigo", 1).getFirst();
    var mark = hit.snippet().highlights().getFirst();
    assertThat(hit.snippet().text().substring(mark.start(), mark.end())).isEqualTo("código");
  }

  @Test
  void editsAndRestoresKeepTheSearchTermsCurrent() {
    Note note = notes.add(new Note.Draft("Plan", "Visit the dentist", List.of(), null));
    notes.update(note.id(), new Note.Draft("Plan", "Visit the optician", List.of(), null));
    assertThat(titles("dentist")).isEmpty();
    assertThat(titles("optician")).containsExactly("Plan");
    Note stored = notes.find(note.id()).orElseThrow();
    notes.delete(note.id());
    notes.restore(stored);
    assertThat(titles("optician")).containsExactly("Plan");
  }

  @Test
  void ctrlKHitsOpenTheNote() {
    Note note = notes.add(new Note.Draft("Portal", "El código es 4512", List.of(), null));
    SearchHit hit = new NoteSearch(notes).search(Query.of("codigo"), 5).getFirst();
    assertThat(hit.kind()).isEqualTo(SearchHit.Kind.NOTE);
    assertThat(hit.title()).isEqualTo("Portal");
    assertThat(NoteSearch.noteId(hit.reference())).isEqualTo(note.id());
  }

  @Test
  void draftsSurviveAReopenUntilDiscarded() {
    Note note = notes.add(Note.Draft.of("First line"));
    notes.saveDraft(note.id(), new Note.Draft("First", "First line and more typed", List.of("x"), null));
    notes.saveDraft(note.id(), new Note.Draft("First", "First line and even more typed", List.of("x"), null));
    NoteStore reopened = new NoteStore(database.dataSource(), Clock.systemUTC());
    assertThat(reopened.drafts()).containsOnlyKeys(note.id());
    assertThat(reopened.drafts().get(note.id()).body()).isEqualTo("First line and even more typed");
    reopened.discardDraft(note.id());
    assertThat(reopened.drafts()).isEmpty();
  }
}
