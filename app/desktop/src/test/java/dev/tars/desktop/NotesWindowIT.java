package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.desktop.notes.NotesViewModel;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;

/**
 * The Notes page through the whole app's window (TestFX, headless) on a real data home (H2, the document index):
 * write a note with tags, find it with and without accents on the page and with Ctrl+K, answer from it through
 * the Documents chooser (scripted chat model) and open its citation, delete it and undo the deletion.
 */
class NotesWindowIT {
  @TempDir Path home;
  @RegisterExtension final AppWindow window = new AppWindow(() -> home);
  private final FxRobot robot = new FxRobot();

  @BeforeEach
  void seed() throws Exception {
    window.chooseScriptedModel("en");
  }

  @Test
  void aNoteIsWrittenFoundCitedDeletedAndBroughtBack() throws Exception {
    window.open((settings, status) -> new ScriptedEngine("The portal code is 4512 [1].", 5));

    // Ctrl+Shift+N opens the page; a new note is written (title, tags, Markdown) and saved by itself.
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT, KeyCode.CONTROL);
    waitUntil(30, () -> robot.lookup("#newNoteButton").tryQuery().map(Node::isVisible).orElse(false));
    robot.clickOn("#newNoteButton");
    robot.clickOn("#noteTitle").write("Portal");
    robot.clickOn("#noteTags").write("home, codes");
    fx(() -> {
      robot.lookup("#noteBody").queryAs(TextArea.class).setText("# Casa\n\nEl **código** del portal es 4512.");
      return null;
    });
    waitUntil(30, () -> "Saved".equals(robot.lookup("#noteSaveState").queryAs(Label.class).getText())
        && rows().size() == 1);
    // Leaving the note records the edit; the list, read again from the store, holds what was typed.
    robot.clickOn("#newNoteButton");
    waitUntil(30, () -> rows().size() == 1 && rows().getFirst().tags().equals(List.of("home", "codes"))
        && rows().getFirst().preview().contains("4512"));

    // Search on the page, with and without the accent, and by a tag.
    for (String query : List.of("codigo", "código", "CÓDIGOS", "codes")) {
      search(query);
      waitUntil(20, () -> rows().size() == 1 && rows().getFirst().title().equals("Portal"));
    }
    search("dentist");
    waitUntil(20, () -> rows().isEmpty());
    search("");

    // Ctrl+K finds it by its text and opens it on the Notes page.
    robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
    robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
    fx(() -> {
      robot.lookup(".search-field").queryAs(TextField.class).setText("codigo portal");
      return null;
    });
    waitUntil(30, () -> robot.lookup(".hit-kind").queryAllAs(Label.class).stream()
        .anyMatch(l -> l.getText().equals("Note")));
    robot.clickOn(".search-field").type(KeyCode.ENTER);
    waitUntil(30, () -> "Portal".equals(robot.lookup("#noteTitle").queryAs(TextField.class).getText())
        && robot.lookup("#noteEditor").query().isVisible());

    // Notes as a source: chosen in the Documents chooser, the answer cites the note and the citation opens it
    // (the page shows an empty new note meanwhile).
    robot.clickOn("#newNoteButton");
    robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
    robot.clickOn("#documentsChooser");
    waitUntil(10, () -> robot.lookup("Notes").tryQuery().isPresent());
    robot.clickOn("#notesSource");
    waitUntil(10, () -> robot.lookup("#documentsToggle").queryAs(ToggleButton.class).isSelected()
        && robot.lookup("#documentsChooser").queryAs(MenuButton.class).getText().endsWith("+ Notes"));
    robot.type(KeyCode.ESCAPE);
    fx(() -> {
      robot.lookup(".composer-input").queryAs(TextArea.class).setText("¿Cuál es el código del portal?");
      return null;
    });
    robot.clickOn(".composer-input").type(KeyCode.ENTER);
    waitUntil(60, () -> robot.lookup(".citation-chip").queryAllAs(Button.class).stream()
        .anyMatch(b -> b.getText().equals("[1] Note: Portal")));
    waitUntil(60, () -> robot.lookup(".text").queryAll().stream()
        .anyMatch(n -> n instanceof javafx.scene.text.Text t && t.getText().contains("4512")));
    screenshot("chat-note-citation.png");
    robot.clickOn("[1] Note: Portal");
    waitUntil(30, () -> "Portal".equals(robot.lookup("#noteTitle").queryAs(TextField.class).getText())
        && robot.lookup("#noteEditor").query().isVisible());

    // Delete, then Undo in the notice puts it back.
    robot.clickOn("#noteDelete");
    waitUntil(30, () -> rows().isEmpty() && !robot.lookup("#noteEditor").query().isVisible());
    search("portal");
    waitUntil(20, () -> rows().isEmpty() && !robot.lookup("#notesStatus").queryAs(Label.class).getText().isEmpty());
    search("");
    robot.clickOn("Undo");
    waitUntil(30, () -> rows().size() == 1
        && "Portal".equals(robot.lookup("#noteTitle").queryAs(TextField.class).getText()));
    assertThat(fx(() -> robot.lookup("#noteBody").queryAs(TextArea.class).getText())).contains("4512");
    assertThat(rows().getFirst().tags()).containsExactly("home", "codes");
  }

  /** The page in each language, on notes a past run left (screenshots for docs/ when TARS_SCREENS is set). */
  @ParameterizedTest
  @CsvSource({"en, New note, Preview, 3 notes", "es, Nueva nota, Vista previa, 3 notas"})
  void thePageSpeaksThePersonsLanguage(String language, String newNote, String preview, String count)
      throws Exception {
    window.settings(settings -> settings.withLanguage(language));
    window.seed(db -> {
      NoteStore notes = new NoteStore(db.dataSource(), Clock.systemUTC());
      boolean es = language.equals("es");
      notes.add(new Note.Draft(es ? "Wifi de casa" : "Home wifi", es ? "Red: **casa-5G**\n\nClave: tortuga-42"
          : "Network: **home-5G**\n\nPassword: tortuga-42", es ? List.of("casa", "red") : List.of("home", "network"), null));
      notes.add(new Note.Draft(es ? "Lista de la compra" : "Groceries", es ? "- leche\n- huevos\n- café"
          : "- milk\n- eggs\n- coffee", List.of(es ? "compra" : "shopping"), null));
      notes.add(new Note.Draft(es ? "Ideas para el viaje" : "Trip ideas", es
          ? "# Lisboa\n\n1. Tranvía 28\n2. *Pastéis de nata* en Belém\n\n> Reservar el hotel antes del viernes."
          : "# Lisbon\n\n1. Tram 28\n2. *Pastéis de nata* in Belém\n\n> Book the hotel before Friday.",
          List.of(es ? "viaje" : "travel"), null));
    });
    window.open((settings, status) -> new ScriptedEngine("-", 5));
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT, KeyCode.CONTROL);
    waitUntil(30, () -> rows().size() == 3);
    assertThat(fx(() -> robot.lookup("#newNoteButton").queryAs(Button.class).getText())).isEqualTo(newNote);
    assertThat(fx(() -> robot.lookup("#notesStatus").queryAs(Label.class).getText())).isEqualTo(count);
    robot.clickOn(rows().getFirst().title());
    waitUntil(30, () -> robot.lookup("#noteEditor").query().isVisible());
    assertThat(fx(() -> robot.lookup("#notePreviewToggle").queryAs(ToggleButton.class).getText()))
        .isEqualTo(preview);
    robot.clickOn("#notePreviewToggle");
    waitUntil(10, () -> robot.lookup("#notePreview").query().isVisible());
    screenshot("notes-page-" + language + ".png");
  }

  private void search(String text) throws Exception {
    fx(() -> {
      robot.lookup("#notesSearch").queryAs(TextField.class).setText(text);
      return null;
    });
  }

  @SuppressWarnings("unchecked")
  private List<NotesViewModel.Row> rows() {
    return List.copyOf(((ListView<NotesViewModel.Row>) robot.lookup("#notesList").query()).getItems());
  }

  /** Writes a PNG of the window when TARS_SCREENS names a folder (docs/screenshots is made this way). */
  private void screenshot(String name) throws Exception {
    WindowShots.save(robot.lookup(".composer-input").query(), name);
  }
}
