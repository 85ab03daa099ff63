package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.StoredChatService;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.agenda.Repeat;
import dev.tars.desktop.fx.I18n;
import dev.tars.runtime.EngineHost;
import dev.tars.runtime.MemorySystem;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Agenda page in the real window (DesktopShell on a headless stage, real H2, the real action service) in
 * Europe/Madrid: an event made in the week view shows in the month and day views, is edited, repeats weekly at
 * 09:30 across the end of summer time, one occurrence is deleted and the deletion undone; a dropped .ics is
 * previewed, imported and undone; a truncated one is refused with its name and reason.
 */
@ExtendWith(ApplicationExtension.class)
class AgendaWindowIT {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final Path ICS = Path.of("../actions/src/test/resources/ics");

  @TempDir Path home;
  private Database database;
  private EngineHost engines;
  private StoredChatService chats;
  private MemorySystem memory;
  private Actions actions;
  private DesktopShell shell;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    database = TestDatabase.open(home.resolve("db"));
    StoredSettings settings = new StoredSettings(database.dataSource());
    settings.save(settings.get().withModelPath("/models/scripted.gguf").withLanguage("en"));
    engines = TestServices.scriptedEngines("Fine.");
    engines.apply(settings.get());
    Clock clock = Clock.system(MADRID);
    ConversationStore store = new ConversationStore(database.dataSource(), clock);
    memory = new MemorySystem(database.dataSource(), store, settings, engines::engine, clock, null, List.of());
    chats = new StoredChatService(store, engines::engine, settings, memory.promptContexts());
    actions = Actions.open(database.dataSource(), memory.memories(), clock, MADRID, DesktopNotifier.NONE);
    shell = new DesktopShell(new DesktopServices(chats, settings, engines, null, null, null, memory, null, null,
        null, () -> {}, null, null, actions, null), I18n.forLanguage("en"));
    shell.show(stage);
  }

  @AfterEach
  void close() {
    shell.stopAnswers();
    shell.close();
    actions.close();
    memory.close();
    chats.close();
    engines.close();
    database.close();
  }

  @Test
  void eventMadeInTheWeekShowsEverywhereRepeatsAcrossDaylightSavingAndOneDeletionIsUndone(FxRobot robot)
      throws Exception {
    LocalDate wednesday = LocalDate.of(2026, 10, 21);
    fx(() -> {
      shell.agendaLink().open(wednesday, 0);
      return null;
    });
    robot.clickOn("#weekMode");
    waitUntil(() -> robot.lookup("#column-" + wednesday).tryQuery().isPresent());

    // Double-click the 09:30 slot of Wednesday (the hours open scrolled to 08:00).
    Node column = robot.lookup("#column-" + wednesday).query();
    Point2D slot = fx(() -> {
      Bounds b = column.localToScreen(column.getBoundsInLocal());
      return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + 9.5 * 44 + 6);
    });
    robot.doubleClickOn(slot);
    waitUntil(() -> robot.lookup("#eventTitle").tryQuery().isPresent());
    TextField title = robot.lookup("#eventTitle").queryAs(TextField.class);
    assertThat(fx(() -> robot.lookup("#eventStartTime").queryAs(TextField.class).getText())).contains("9:30");
    robot.doubleClickOn(title).eraseText(30).write("Stand-up");
    fx(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<Repeat.Frequency> repeat = robot.lookup("#eventRepeat").queryAs(ComboBox.class);
      repeat.setValue(Repeat.Frequency.WEEKLY);
      robot.lookup("#eventPlace").queryAs(TextField.class).setText("Room 4");
      return null;
    });
    robot.clickOn("#eventSave");
    waitUntil(() -> actions.agenda().count() == 1);

    // Every Wednesday at 09:30 in Madrid, before and after summer time ends on 25 October.
    List<Occurrence> weeks = actions.agenda().occurrences(LocalDate.of(2026, 10, 19), LocalDate.of(2026, 11, 15))
        .occurrences();
    assertThat(weeks).hasSize(4).allSatisfy(o ->
        assertThat(o.start().atZone(MADRID).toLocalTime()).isEqualTo(LocalTime.of(9, 30)));
    assertThat(weeks).extracting(o -> o.start().atZone(MADRID).getOffset().getTotalSeconds())
        .containsExactly(7200, 3600, 3600, 3600);

    // Month view: the same chip text (same local time) on both sides of the change.
    robot.clickOn("#monthMode");
    waitUntil(() -> chipText(robot, "#day-2026-11-04").contains("Stand-up"));
    assertThat(chipText(robot, "#day-2026-11-04")).isEqualTo(chipText(robot, "#day-2026-10-21"));

    // Day view, by keyboard: D, then the arrows.
    fx(() -> {
      shell.agendaLink().open(LocalDate.of(2026, 10, 20), 0);
      return null;
    });
    robot.type(javafx.scene.input.KeyCode.RIGHT);
    waitUntil(() -> robot.lookup("#column-2026-10-21").tryQuery().isPresent()
        && robot.lookup(".agenda-block").tryQuery().isPresent());

    // Edit all: a new title everywhere.
    robot.clickOn((Node) robot.lookup(".agenda-block").query());
    waitUntil(() -> robot.lookup("#eventTitle").tryQuery().isPresent());
    robot.doubleClickOn("#eventTitle").eraseText(30).write("Team stand-up");
    robot.clickOn("#eventSave");
    waitUntil(() -> robot.lookup("#scopeAll").tryQuery().isPresent());
    robot.clickOn("#scopeAll");
    waitUntil(() -> actions.agenda().occurrences(LocalDate.of(2026, 10, 19), LocalDate.of(2026, 11, 15))
        .occurrences().stream().allMatch(o -> o.title().equals("Team stand-up")));
    assertThat(actions.agenda().count()).isEqualTo(1);

    // Delete only 4 November, then Undo from the notice.
    fx(() -> {
      shell.agendaLink().open(LocalDate.of(2026, 11, 4), 0);
      return null;
    });
    waitUntil(() -> robot.lookup("#column-2026-11-04").tryQuery().isPresent()
        && robot.lookup(".agenda-block").tryQuery().isPresent());
    robot.clickOn((Node) robot.lookup(".agenda-block").query());
    waitUntil(() -> robot.lookup("#eventDelete").tryQuery().isPresent());
    robot.clickOn("#eventDelete");
    waitUntil(() -> robot.lookup("#scopeOnlyThis").tryQuery().isPresent());
    robot.clickOn("#scopeOnlyThis");
    waitUntil(() -> wednesdays().equals(List.of("2026-10-21", "2026-10-28", "2026-11-11")));
    // The Undo of the deletion's notice (the edit's notice, with its own Undo, may still be showing).
    waitUntil(() -> deletionUndo(robot) != null);
    robot.clickOn(fx(() -> deletionUndo(robot)));
    waitUntil(() -> wednesdays().equals(List.of("2026-10-21", "2026-10-28", "2026-11-04", "2026-11-11")));
  }

  private static Button deletionUndo(FxRobot robot) {
    return robot.lookup(".notice").queryAll().stream()
        .filter(n -> n instanceof atlantafx.base.controls.Notification notice && notice.getMessage() != null
            && notice.getMessage().startsWith("Deleted"))
        .flatMap(n -> n.lookupAll(".button").stream()).map(Button.class::cast)
        .filter(b -> b.getText().equals("Undo")).findFirst().orElse(null);
  }

  @Test
  void droppedCalendarIsPreviewedImportedAndUndoneAndATruncatedOneIsRefused(FxRobot robot) throws Exception {
    Path google = ICS.resolve("google-calendar-export.ics").toAbsolutePath();
    assertThat(google).exists();
    fx(() -> {
      shell.filesDropped(List.of(google));
      return null;
    });
    waitUntil(() -> robot.lookup("#importPreview").tryQuery().isPresent());
    String counts = fx(() -> robot.lookup("#importCounts").queryAs(Label.class).getText());
    assertThat(counts).isEqualTo("3 events and 0 tasks");
    assertThat(fx(() -> robot.lookup("#importPreview .label").queryAllAs(Label.class).stream().map(Label::getText)
        .toList())).contains("Calendar: Trabajo").anyMatch(t -> t.contains("Reunión de equipo ☕"));
    assertThat(actions.agenda().count()).isZero();
    robot.clickOn("#importConfirm");
    waitUntil(() -> actions.agenda().count() == 3);
    waitUntil(() -> robot.lookup(".agenda-chip").tryQuery().isPresent());

    ActivityEntry imported = actions.activity().recent(10).stream().filter(e -> e.kind().equals("agenda.import"))
        .findFirst().orElseThrow();
    actions.service().undo(imported.id(), Origin.WINDOW);
    waitUntil(() -> actions.agenda().count() == 0 && robot.lookup(".agenda-chip").tryQuery().isEmpty());

    Path truncated = home.resolve("cut.ics");
    String text = Files.readString(google, StandardCharsets.UTF_8);
    Files.writeString(truncated, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
    fx(() -> {
      shell.filesDropped(List.of(truncated));
      return null;
    });
    waitUntil(() -> shell.viewModel().notices().shown().stream().anyMatch(n -> n.text().contains("cut.ics")));
    assertThat(shell.viewModel().notices().shown()).anyMatch(n -> n.text().equals("cut.ics is cut short: it does not"
        + " end with END:VCALENDAR. Nothing was imported; copy or export the file again."));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#importPreview").tryQuery()).isEmpty();
    assertThat(actions.agenda().count()).isZero();
  }

  private String chipText(FxRobot robot, String day) throws Exception {
    return fx(() -> robot.lookup(day).lookup(".agenda-chip").tryQueryAs(Label.class).map(Label::getText)
        .orElse(""));
  }

  private List<String> wednesdays() {
    return actions.agenda().occurrences(LocalDate.of(2026, 10, 19), LocalDate.of(2026, 11, 15)).occurrences()
        .stream().map(o -> o.start().atZone(MADRID).toLocalDate().toString()).toList();
  }
}
