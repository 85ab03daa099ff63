package dev.tars.actions;

import dev.tars.actions.agenda.CalendarFile;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.notes.Note;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A change a person asked for, to be executed by {@link ActionService#execute}. Built by the window's forms, the
 * router's card after the person confirms, the command line or the API; validated when built.
 */
public sealed interface Action {
  /** The activity-log kind, e.g. {@code note.create}. */
  String kind();

  record CreateNote(Note.Draft draft) implements Action {
    public CreateNote {
      Objects.requireNonNull(draft, "draft");
    }

    @Override
    public String kind() {
      return "note.create";
    }
  }

  record EditNote(long id, Note.Draft draft) implements Action {
    @Override
    public String kind() {
      return "note.edit";
    }
  }

  record DeleteNote(long id) implements Action {
    @Override
    public String kind() {
      return "note.delete";
    }
  }

  record CreateEvent(EventDraft draft) implements Action {
    @Override
    public String kind() {
      return "event.create";
    }
  }

  record EditEvent(long id, EventDraft draft) implements Action {
    @Override
    public String kind() {
      return "event.edit";
    }
  }

  record DeleteEvent(long id) implements Action {
    @Override
    public String kind() {
      return "event.delete";
    }
  }

  /** Deletes one occurrence, this and the following ones, or all of a repeating event. */
  record DeleteOccurrences(long id, Instant occurrenceStart, dev.tars.actions.agenda.Agenda.Scope scope)
      implements Action {
    @Override
    public String kind() {
      return "event.deleteOccurrences";
    }
  }

  /**
   * Edits one occurrence, this and the following ones, or all of a repeating event (see
   * {@code Agenda.editOccurrences}); an event that does not repeat is simply edited.
   */
  record EditOccurrences(long id, Instant occurrenceStart, EventDraft draft,
      dev.tars.actions.agenda.Agenda.Scope scope) implements Action {
    public EditOccurrences {
      Objects.requireNonNull(occurrenceStart, "occurrenceStart");
      Objects.requireNonNull(draft, "draft");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String kind() {
      return "event.editOccurrences";
    }
  }

  /** Stores a calendar file read (and shown as a preview) with {@code Agenda.read}. */
  record ImportCalendar(CalendarFile file) implements Action {
    @Override
    public String kind() {
      return "agenda.import";
    }
  }

  /** Writes the agenda and tasks to a file; logged, nothing to undo. */
  record ExportCalendar(Path file) implements Action {
    @Override
    public String kind() {
      return "agenda.export";
    }
  }

  record CreateReminder(String text, Instant due, ZoneId zone) implements Action {
    public CreateReminder {
      Objects.requireNonNull(due, "due");
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String kind() {
      return "reminder.create";
    }
  }

  record CompleteReminder(long id) implements Action {
    @Override
    public String kind() {
      return "reminder.done";
    }
  }

  record SnoozeReminder(long id, Instant until) implements Action {
    @Override
    public String kind() {
      return "reminder.snooze";
    }
  }

  record DeleteReminder(long id) implements Action {
    @Override
    public String kind() {
      return "reminder.delete";
    }
  }

  /** A fact for Tars' long-term memory (core's {@code MemoryService}), everywhere. */
  record Remember(String fact) implements Action {
    @Override
    public String kind() {
      return "memory.remember";
    }
  }
}
