package dev.tars.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.AgendaEvent;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.notes.Note;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.actions.reminders.Reminder;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every change goes through the action service, is logged with its origin, and Undo reverses it. */
class ActionServiceTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @TempDir Path dir;
  private Database database;
  private Actions actions;
  private MemoryService memories;

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir);
    memories = new MemoryService(database.dataSource(), Clock.systemUTC());
    actions = Actions.open(database.dataSource(), memories, Clock.systemUTC(), MADRID, DesktopNotifier.NONE);
  }

  @AfterEach
  void close() {
    actions.close();
    database.close();
  }

  private ActionService service() {
    return actions.service();
  }

  @Test
  void anActionFromAnotherProgramIsLoggedWithItsNameAndUndoesLikeAnyOther() {
    ActivityEntry entry = service().execute(new Action.CreateNote(Note.Draft.of("From the IDE")), Origin.MCP,
        "claude-ai").entry();
    assertThat(entry.origin()).isEqualTo(Origin.MCP);
    assertThat(entry.client()).isEqualTo("claude-ai");
    assertThat(actions.activity().recent(1).getFirst().client()).isEqualTo("claude-ai");
    ActivityEntry fromWindow = service().execute(new Action.CreateNote(Note.Draft.of("Typed")), Origin.WINDOW)
        .entry();
    assertThat(fromWindow.client()).isEmpty();
    service().undo(entry.id(), Origin.WINDOW);
    assertThat(actions.notes().all()).extracting(Note::title).containsExactly("Typed");
  }

  @Test
  void noteCreateEditDeleteAreLoggedAndEachUndoes() {
    Note note = (Note) service().execute(new Action.CreateNote(Note.Draft.of("The portal code is 4512")),
        Origin.ROUTER).subject();
    ActivityEntry edit = service().execute(new Action.EditNote(note.id(),
        new Note.Draft("Portal", "The portal code is 9999", List.of("#Home"), null)), Origin.WINDOW).entry();
    assertThat(actions.notes().find(note.id()).orElseThrow().tags()).containsExactly("home");
    service().undo(edit.id(), Origin.WINDOW);
    assertThat(actions.notes().find(note.id()).orElseThrow().body()).isEqualTo("The portal code is 4512");

    ActivityEntry delete = service().execute(new Action.DeleteNote(note.id()), Origin.CLI).entry();
    assertThat(actions.notes().find(note.id())).isEmpty();
    service().undo(delete.id(), Origin.CLI);
    assertThat(actions.notes().find(note.id()).orElseThrow().title()).isEqualTo("The portal code is 4512");
    assertThat(actions.notes().search("portal code", 5)).extracting(h -> h.note().id()).containsExactly(note.id());

    List<ActivityEntry> log = actions.activity().recent(10);
    assertThat(log).extracting(ActivityEntry::kind)
        .containsExactly("undo", "note.delete", "undo", "note.edit", "note.create");
    assertThat(log).extracting(ActivityEntry::origin)
        .containsExactly(Origin.CLI, Origin.CLI, Origin.WINDOW, Origin.WINDOW, Origin.ROUTER);
    assertThat(log.get(1).canUndo()).isFalse();
    assertThatThrownBy(() -> service().undo(delete.id(), Origin.CLI)).isInstanceOf(ActionException.class)
        .hasMessageContaining("cannot be undone");
  }

  @Test
  void eventUndoRemovesItFromTheAgendaAndEditUndoPutsTheOldOneBack() {
    ActionService.Outcome created = service().execute(new Action.CreateEvent(new EventDraft("Lunch with Sara",
        LocalDateTime.of(2026, 12, 17, 13, 30), null, false, MADRID, "Casa Lola", "", null, List.of())),
        Origin.ROUTER);
    AgendaEvent event = (AgendaEvent) created.subject();
    ActivityEntry edit = service().execute(new Action.EditEvent(event.id(), new EventDraft("Lunch with Sara and Leo",
        LocalDateTime.of(2026, 12, 17, 14, 0), null, false, MADRID, "Casa Lola", "", null, List.of())),
        Origin.WINDOW).entry();
    service().undo(edit.id(), Origin.WINDOW);
    var day = actions.agenda().occurrences(LocalDate.of(2026, 12, 17), LocalDate.of(2026, 12, 17)).occurrences();
    assertThat(day).extracting(o -> o.title() + " " + o.start().atZone(MADRID).toLocalTime())
        .containsExactly("Lunch with Sara 13:30");
    service().undo(created.entry().id(), Origin.WINDOW);
    assertThat(actions.agenda().occurrences(LocalDate.of(2026, 12, 17), LocalDate.of(2026, 12, 17)).occurrences())
        .isEmpty();
  }

  @Test
  void repeatingEventDeletesOnlyThisThisAndFollowingOrAllAndEachUndoes() {
    AgendaEvent weekly = (AgendaEvent) service().execute(new Action.CreateEvent(new EventDraft("Yoga",
        LocalDateTime.of(2026, 10, 5, 19, 0), null, false, MADRID, "", "", "weekly", List.of())), Origin.WINDOW)
        .subject();
    Instant oct19 = LocalDateTime.of(2026, 10, 19, 19, 0).atZone(MADRID).toInstant();
    Instant nov2 = LocalDateTime.of(2026, 11, 2, 19, 0).atZone(MADRID).toInstant();
    ActivityEntry only = service().execute(new Action.DeleteOccurrences(weekly.id(), oct19,
        dev.tars.actions.agenda.Agenda.Scope.ONLY_THIS), Origin.WINDOW).entry();
    service().execute(new Action.DeleteOccurrences(weekly.id(), nov2,
        dev.tars.actions.agenda.Agenda.Scope.THIS_AND_FOLLOWING), Origin.WINDOW);
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)))
        .containsExactly("2026-10-05T19:00", "2026-10-12T19:00", "2026-10-26T19:00");
    ActivityEntry all = service().execute(new Action.DeleteOccurrences(weekly.id(), oct19,
        dev.tars.actions.agenda.Agenda.Scope.ALL), Origin.WINDOW).entry();
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).isEmpty();
    service().undo(all.id(), Origin.WINDOW);
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).hasSize(3);
    service().undo(only.id(), Origin.WINDOW);
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).hasSize(13);
  }

  @Test
  void repeatingEventEditsOnlyThisThisAndFollowingOrAllAndEachUndoes() {
    AgendaEvent weekly = (AgendaEvent) service().execute(new Action.CreateEvent(new EventDraft("Yoga",
        LocalDateTime.of(2026, 10, 5, 19, 0), null, false, MADRID, "Gym", "Bring a mat", "FREQ=WEEKLY;COUNT=6",
        List.of(15))), Origin.WINDOW).subject();
    Instant oct19 = LocalDateTime.of(2026, 10, 19, 19, 0).atZone(MADRID).toInstant();
    Instant nov2 = LocalDateTime.of(2026, 11, 2, 19, 0).atZone(MADRID).toInstant();
    EventDraft draft = actions.agenda().draftOf(weekly.id());
    assertThat(draft.notes()).isEqualTo("Bring a mat");
    assertThat(draft.alertMinutes()).containsExactly(15);
    assertThat(draft.repeat()).isEqualTo("FREQ=WEEKLY;COUNT=6");

    ActivityEntry only = service().execute(new Action.EditOccurrences(weekly.id(), oct19, new EventDraft("Yoga late",
        LocalDateTime.of(2026, 10, 20, 20, 0), null, false, MADRID, "Gym", "", null, List.of()),
        dev.tars.actions.agenda.Agenda.Scope.ONLY_THIS), Origin.WINDOW).entry();
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).containsExactly("2026-10-05T19:00",
        "2026-10-12T19:00", "2026-10-20T20:00", "2026-10-26T19:00", "2026-11-02T19:00", "2026-11-09T19:00");
    ActivityEntry following = service().execute(new Action.EditOccurrences(weekly.id(), nov2, new EventDraft(
        "Pilates", LocalDateTime.of(2026, 11, 2, 18, 0), null, false, MADRID, "Gym", "", "FREQ=WEEKLY;COUNT=2",
        List.of()), dev.tars.actions.agenda.Agenda.Scope.THIS_AND_FOLLOWING), Origin.WINDOW).entry();
    assertThat(titledDays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).containsExactly(
        "2026-10-05T19:00 Yoga", "2026-10-12T19:00 Yoga", "2026-10-20T20:00 Yoga late", "2026-10-26T19:00 Yoga",
        "2026-11-02T18:00 Pilates", "2026-11-09T18:00 Pilates");
    service().undo(following.id(), Origin.WINDOW);
    // Deleting the changed occurrence leaves its slot empty (the series does not show the original again).
    long changed = actions.agenda().occurrences(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 20)).occurrences()
        .getFirst().eventId();
    ActivityEntry deleted = service().execute(new Action.DeleteOccurrences(changed,
        LocalDateTime.of(2026, 10, 20, 20, 0).atZone(MADRID).toInstant(), dev.tars.actions.agenda.Agenda.Scope.ONLY_THIS),
        Origin.WINDOW).entry();
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).containsExactly("2026-10-05T19:00",
        "2026-10-12T19:00", "2026-10-26T19:00", "2026-11-02T19:00", "2026-11-09T19:00");
    service().undo(deleted.id(), Origin.WINDOW);
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).contains("2026-10-20T20:00").hasSize(6);
    service().undo(only.id(), Origin.WINDOW);
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).hasSize(6).allMatch(d -> d.endsWith("19:00"));

    // All, from the third occurrence moved a day later at 08:00: the series moves a day and keeps its count.
    service().execute(new Action.EditOccurrences(weekly.id(), oct19, new EventDraft("Yoga", LocalDateTime.of(2026,
        10, 20, 8, 0), null, false, MADRID, "Gym", "Bring a mat", "FREQ=WEEKLY;COUNT=6", List.of()),
        dev.tars.actions.agenda.Agenda.Scope.ALL), Origin.WINDOW);
    assertThat(days(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31))).containsExactly("2026-10-06T08:00",
        "2026-10-13T08:00", "2026-10-20T08:00", "2026-10-27T08:00", "2026-11-03T08:00", "2026-11-10T08:00");
    assertThat(actions.agenda().draftOf(weekly.id()).alertMinutes()).isEmpty();
  }

  private List<String> titledDays(LocalDate from, LocalDate to) {
    return actions.agenda().occurrences(from, to).occurrences().stream()
        .map(o -> o.start().atZone(MADRID).toLocalDateTime() + " " + o.title()).toList();
  }

  private List<String> days(LocalDate from, LocalDate to) {
    return actions.agenda().occurrences(from, to).occurrences().stream()
        .map(o -> o.start().atZone(MADRID).toLocalDateTime().toString()).toList();
  }

  @Test
  void importUndoRemovesWhatItAddedAndRestoresWhatItReplaced() throws Exception {
    Path google = Path.of(getClass().getResource("/ics/google-calendar-export.ics").toURI());
    Path todo = Path.of(getClass().getResource("/ics/rfc5545-4-todo.ics").toURI());
    ActivityEntry first = service().execute(new Action.ImportCalendar(actions.agenda().read(google)), Origin.CLI)
        .entry();
    ActionService.Outcome tasks = service().execute(new Action.ImportCalendar(actions.agenda().read(todo)),
        Origin.CLI);
    assertThat(tasks.subject()).isEqualTo(new ActionService.ImportSummary(0, 0, 1));
    assertThat(actions.reminders().all()).singleElement().satisfies(r -> {
      assertThat(r.text()).isEqualTo("Submit Income Taxes");
      assertThat(r.status()).isEqualTo(Reminder.Status.FIRED);
    });
    ActivityEntry again = service().execute(new Action.ImportCalendar(actions.agenda().read(google)), Origin.CLI)
        .entry();
    service().undo(again.id(), Origin.CLI);
    assertThat(actions.agenda().count()).isEqualTo(3);
    service().undo(first.id(), Origin.CLI);
    service().undo(tasks.entry().id(), Origin.CLI);
    assertThat(actions.agenda().count()).isZero();
    assertThat(actions.reminders().all()).isEmpty();
  }

  @Test
  void reminderSnoozeAndDoneUndo() {
    Instant due = Instant.parse("2026-12-17T09:00:00Z");
    Reminder r = (Reminder) service().execute(new Action.CreateReminder("call the dentist", due, MADRID),
        Origin.ROUTER).subject();
    ActivityEntry snooze = service().execute(new Action.SnoozeReminder(r.id(), due.plusSeconds(600)), Origin.WINDOW)
        .entry();
    assertThat(actions.reminders().find(r.id()).orElseThrow().due()).isEqualTo(due.plusSeconds(600));
    service().undo(snooze.id(), Origin.WINDOW);
    assertThat(actions.reminders().find(r.id()).orElseThrow().due()).isEqualTo(due);
    ActivityEntry done = service().execute(new Action.CompleteReminder(r.id()), Origin.WINDOW).entry();
    assertThat(actions.reminders().find(r.id()).orElseThrow().status()).isEqualTo(Reminder.Status.DONE);
    service().undo(done.id(), Origin.WINDOW);
    assertThat(actions.reminders().find(r.id()).orElseThrow().status()).isEqualTo(Reminder.Status.PENDING);
  }

  @Test
  void rememberingAFactGoesToCoreMemoryAndUndoForgetsIt() {
    ActivityEntry remembered = service().execute(new Action.Remember("I am allergic to penicillin"), Origin.ROUTER)
        .entry();
    assertThat(memories.all()).extracting(m -> m.text()).containsExactly("I am allergic to penicillin");
    service().undo(remembered.id(), Origin.WINDOW);
    assertThat(memories.all()).isEmpty();
  }

  @Test
  void emptyAndMissingThingsAreClearErrors() {
    assertThatThrownBy(() -> service().execute(new Action.CreateReminder("  ", Instant.now(), MADRID), Origin.CLI))
        .isInstanceOf(ActionException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> service().execute(new Action.DeleteNote(999), Origin.CLI))
        .isInstanceOf(ActionException.class).hasMessage(
            "There is no note 999. It may have been deleted already; list them with: tars note list");
    assertThat(actions.activity().recent(10)).isEmpty();
  }
}
