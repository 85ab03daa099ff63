package dev.tars.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.ActivityLog;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.AgendaEvent;
import dev.tars.actions.agenda.CalendarFile;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.actions.reminders.Reminder;
import dev.tars.actions.reminders.ReminderStore;
import dev.tars.actions.reminders.Vtodo;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place changes are made: each {@link Action} is executed here and recorded in the activity log with
 * what it changed (before and after, as JSON) so that {@link #undo} can reverse it. The window, the router's
 * card, the command line and the local API all call {@link #execute}. Thread-safe: actions run one at a time.
 */
public final class ActionService {
  private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);
  /** Longest note, title or reminder text accepted. */
  public static final int MAX_TEXT = 100_000;

  private final NoteStore notes;
  private final Agenda agenda;
  private final ReminderStore reminders;
  private final MemoryService memories;
  private final ActivityLog log;
  private final Clock clock;

  public ActionService(NoteStore notes, Agenda agenda, ReminderStore reminders, MemoryService memories,
      ActivityLog log, Clock clock) {
    this.notes = notes;
    this.agenda = agenda;
    this.reminders = reminders;
    this.memories = memories;
    this.log = log;
    this.clock = clock;
  }

  /**
   * What an action did.
   *
   * @param subject the note, event, reminder or memory created or changed; an {@link Agenda.Imported} for an
   *     import, the event count for an export, null for a deletion
   */
  public record Outcome(ActivityEntry entry, Object subject) {}

  /** Executes {@code action} and logs it. */
  public Outcome execute(Action action, Origin origin) {
    return execute(action, origin, "");
  }

  /**
   * Executes {@code action} and logs it with the program that asked, for origins that are other programs
   * ({@link Origin#MCP}: the MCP client's name, such as {@code claude-ai}).
   */
  public synchronized Outcome execute(Action action, Origin origin, String client) {
    Outcome outcome = switch (action) {
      case Action.CreateNote a -> {
        Note note = notes.add(checked(a.draft()));
        yield logged(origin, client, a, note.id(), note.title(), null, Snapshots.note(note), note);
      }
      case Action.EditNote a -> {
        Note before = note(a.id());
        Note after = notes.update(a.id(), checked(a.draft()));
        yield logged(origin, client, a, a.id(), after.title(), Snapshots.note(before), Snapshots.note(after), after);
      }
      case Action.DeleteNote a -> {
        Note before = note(a.id());
        notes.delete(a.id());
        yield logged(origin, client, a, a.id(), before.title(), Snapshots.note(before), null, null);
      }
      case Action.CreateEvent a -> {
        AgendaEvent event = agenda.create(a.draft());
        yield logged(origin, client, a, event.id(), event.title(), null, Snapshots.event(event), event);
      }
      case Action.EditEvent a -> {
        AgendaEvent before = event(a.id());
        AgendaEvent after = agenda.update(a.id(), a.draft());
        yield logged(origin, client, a, a.id(), after.title(), Snapshots.event(before), Snapshots.event(after), after);
      }
      case Action.DeleteEvent a -> {
        AgendaEvent before = event(a.id());
        agenda.delete(a.id());
        yield logged(origin, client, a, a.id(), before.title(), Snapshots.event(before), null, null);
      }
      case Action.DeleteOccurrences a -> {
        AgendaEvent before = event(a.id());
        AgendaEvent after = agenda.deleteOccurrences(a.id(), a.occurrenceStart(), a.scope()).orElse(null);
        yield logged(origin, client, a, a.id(), before.title(), Snapshots.event(before),
            after == null ? null : Snapshots.event(after), after);
      }
      case Action.EditOccurrences a -> editOccurrences(a, origin, client);
      case Action.ImportCalendar a -> importCalendar(a, origin, client);
      case Action.ExportCalendar a -> {
        List<String> todos = reminders.all().stream().map(Vtodo::text).toList();
        int count = agenda.export(a.file(), todos);
        ObjectNode after = Snapshots.object().put("file", a.file().toAbsolutePath().toString())
            .put("events", count).put("tasks", todos.size());
        ActivityEntry entry = log.record(origin, client, a.kind(), 0, a.file().toAbsolutePath().toString(), null,
            Snapshots.text(after), false, null);
        yield new Outcome(entry, count);
      }
      case Action.CreateReminder a -> {
        String text = checkedText(a.text());
        Reminder r = reminders.add(UUID.randomUUID() + "@tars", text, a.due(), a.zone(), Reminder.Status.PENDING,
            null);
        yield logged(origin, client, a, r.id(), r.text(), null, Snapshots.reminder(r), r);
      }
      case Action.CompleteReminder a -> changeReminder(origin, client, a, a.id(), null, Reminder.Status.DONE);
      case Action.SnoozeReminder a -> changeReminder(origin, client, a, a.id(), a.until(), Reminder.Status.PENDING);
      case Action.DeleteReminder a -> {
        Reminder before = reminder(a.id());
        reminders.delete(a.id());
        yield logged(origin, client, a, a.id(), before.text(), Snapshots.reminder(before), null, null);
      }
      case Action.Remember a -> {
        String fact = checkedText(a.fact());
        if (fact.length() > MemoryService.MAX_TEXT) {
          throw new ActionException("action.tooLong", fact.length(), MemoryService.MAX_TEXT);
        }
        Memory memory = memories.add(MemoryScope.GLOBAL, fact, false);
        yield logged(origin, client, a, memory.id(), memory.text(), null,
            Snapshots.object().put("id", memory.id()).put("text", memory.text()), memory);
      }
    };
    LOG.info("{} from {}{}: {} (activity {})", action.kind(), origin.id(), client.isEmpty() ? "" : " " + client,
        outcome.entry().summary(),
        outcome.entry().id());
    return outcome;
  }

  /**
   * Reverses a logged action and logs the undo (kind {@code undo}).
   *
   * @throws ActionException when it cannot be undone or was undone already
   */
  public synchronized ActivityEntry undo(long activityId, Origin origin) {
    ActivityEntry entry = log.find(activityId).filter(ActivityEntry::canUndo)
        .orElseThrow(() -> new ActionException("action.nothingToUndo"));
    if (!log.markUndone(activityId)) {
      throw new ActionException("action.nothingToUndo");
    }
    try {
      reverse(entry);
    } catch (RuntimeException e) {
      log.unmarkUndone(activityId);
      throw e;
    }
    ActivityEntry undo = log.record(origin, "undo", entry.subjectId(), entry.kind() + ": " + entry.summary(),
        entry.after(), entry.before(), false, entry.id());
    LOG.info("Undid activity {} ({}) from {}", entry.id(), entry.kind(), origin.id());
    return undo;
  }

  private void reverse(ActivityEntry entry) {
    JsonNode before = entry.before() == null ? null : Snapshots.parse(entry.before());
    JsonNode after = entry.after() == null ? null : Snapshots.parse(entry.after());
    switch (entry.kind()) {
      case "note.create" -> notes.delete(entry.subjectId());
      case "note.edit" -> notes.update(entry.subjectId(), Snapshots.note(before).draft());
      case "note.delete" -> notes.restore(Snapshots.note(before));
      case "event.create" -> agenda.deleteAll(List.of(entry.subjectId()));
      case "event.edit", "event.delete", "event.deleteOccurrences" -> {
        agenda.deleteAll(List.of(entry.subjectId()));
        agenda.restore(List.of(Snapshots.event(before)));
      }
      case "event.editOccurrences" -> {
        // The series as it was, and without the event the edit made (a changed occurrence or the new series).
        if (after.hasNonNull("created")) {
          agenda.deleteAll(List.of(after.get("created").asLong()));
        }
        agenda.deleteAll(List.of(entry.subjectId()));
        agenda.restore(List.of(Snapshots.event(before)));
      }
      case "agenda.import" -> {
        agenda.deleteAll(Snapshots.ids(after.path("events")));
        Snapshots.ids(after.path("reminders")).forEach(reminders::delete);
        List<AgendaEvent> replaced = new ArrayList<>();
        before.path("events").forEach(e -> replaced.add(Snapshots.event(e)));
        if (!replaced.isEmpty()) {
          agenda.restore(replaced);
        }
      }
      case "reminder.create" -> reminders.delete(entry.subjectId());
      case "reminder.done", "reminder.snooze" -> {
        Reminder old = Snapshots.reminder(before);
        reminders.update(old.id(), old.text(), old.due(), old.status());
      }
      case "reminder.delete" -> reminders.restore(Snapshots.reminder(before));
      case "memory.remember" -> memories.delete(entry.subjectId());
      default -> throw new ActionException("action.nothingToUndo");
    }
  }

  private Outcome editOccurrences(Action.EditOccurrences a, Origin origin, String client) {
    AgendaEvent before = event(a.id());
    Agenda.SeriesEdit edit = agenda.editOccurrences(a.id(), a.occurrenceStart(), a.draft(), a.scope());
    ObjectNode after = Snapshots.object();
    if (edit.changed() != null) {
      after.set("event", Snapshots.event(edit.changed()));
    }
    if (edit.created() != null) {
      after.put("created", edit.created().id());
    }
    ActivityEntry entry = log.record(origin, client, a.kind(), a.id(), a.draft().title(), Snapshots.text(
        Snapshots.event(before)), Snapshots.text(after), true, null);
    return new Outcome(entry, edit.created() != null ? edit.created() : edit.changed());
  }

  private Outcome importCalendar(Action.ImportCalendar a, Origin origin, String client) {
    CalendarFile file = a.file();
    Agenda.Imported imported = agenda.store(file);
    ArrayNode eventIds = Snapshots.object().arrayNode();
    imported.stored().forEach(e -> eventIds.add(e.id()));
    ArrayNode reminderIds = Snapshots.object().arrayNode();
    Instant now = clock.instant();
    int tasks = 0;
    for (CalendarFile.Task task : file.tasks()) {
      if (reminders.findByUid(task.uid()).isPresent()) {
        continue;
      }
      // A task already past when imported is not announced as missed: the person did not set it in Tars.
      Reminder.Status status = task.done() ? Reminder.Status.DONE
          : task.due() != null && task.due().isBefore(now) ? Reminder.Status.FIRED : Reminder.Status.PENDING;
      Reminder r = reminders.add(task.uid(), task.text(), task.due(),
          task.zone() == null ? agenda.personZone() : task.zone(), status, task.ics());
      reminderIds.add(r.id());
      tasks++;
    }
    ObjectNode after = Snapshots.object().put("file", file.name());
    after.set("events", eventIds);
    after.set("reminders", reminderIds);
    ObjectNode before = Snapshots.object();
    ArrayNode replaced = before.putArray("events");
    imported.replaced().forEach(e -> replaced.add(Snapshots.event(e)));
    ActivityEntry entry = log.record(origin, client, a.kind(), 0, file.name() + " (" + imported.stored().size() + " + "
        + tasks + ")", Snapshots.text(before), Snapshots.text(after), true, null);
    return new Outcome(entry, new ImportSummary(imported.stored().size(), imported.replaced().size(), tasks));
  }

  /** What an import stored: events (of which {@code replaced} were already there) and tasks. */
  public record ImportSummary(int events, int replaced, int tasks) {}

  private Outcome changeReminder(Origin origin, String client, Action action, long id, Instant due, Reminder.Status status) {
    Reminder before = reminder(id);
    reminders.update(id, before.text(), due == null ? before.due() : due, status);
    Reminder after = reminder(id);
    return logged(origin, client, action, id, after.text(), Snapshots.reminder(before), Snapshots.reminder(after), after);
  }

  private Outcome logged(Origin origin, String client, Action action, long subjectId, String summary, ObjectNode before,
      ObjectNode after, Object subject) {
    ActivityEntry entry = log.record(origin, client, action.kind(), subjectId, summary,
        before == null ? null : Snapshots.text(before), after == null ? null : Snapshots.text(after), true, null);
    return new Outcome(entry, subject);
  }

  private Note note(long id) {
    return notes.find(id).orElseThrow(() -> new ActionException("action.noteNotFound", id));
  }

  private AgendaEvent event(long id) {
    return agenda.find(id).orElseThrow(() -> new ActionException("action.eventNotFound", id));
  }

  private Reminder reminder(long id) {
    return reminders.find(id).orElseThrow(() -> new ActionException("action.reminderNotFound", id));
  }

  private static Note.Draft checked(Note.Draft draft) {
    checkedText(draft.body().isBlank() ? draft.title() : draft.body());
    return draft;
  }

  private static String checkedText(String text) {
    String clean = text == null ? "" : text.strip();
    if (clean.isEmpty()) {
      throw new ActionException("action.empty");
    }
    if (clean.length() > MAX_TEXT) {
      throw new ActionException("action.tooLong", clean.length(), MAX_TEXT);
    }
    return clean;
  }
}
