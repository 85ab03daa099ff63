package dev.tars.desktop.actions;

import dev.tars.actions.Action;
import dev.tars.actions.ActionService;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.notes.Note;
import dev.tars.actions.router.Intent;
import dev.tars.actions.router.Routed;
import dev.tars.desktop.feature.ChatCard;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An action card in the conversation: what the router understood from a sentence (kind, text or title, day and
 * time, place, repeat), which the person confirms, edits or cancels; once confirmed it is written through the
 * {@link ActionService} (origin: the window) and Undo is offered. An hour that can be read two ways ("at 3") is
 * asked about, never guessed. UI thread only; writing happens in the background.
 */
public final class ActionCardViewModel implements ChatCard {
  public enum State {
    /** The time can be read two ways: the person picks one of {@link #readings()}. */
    ASKING,
    /** Ready to confirm as understood. */
    READY,
    /** The fields are open for changes. */
    EDITING,
    SAVING,
    /** Written; Undo is offered. */
    DONE,
    UNDONE,
    CANCELLED
  }

  /** How an event repeats; the RRULE words {@link EventDraft#repeatRule} takes. */
  public enum Repeat {
    NONE(null),
    DAILY("daily"),
    WEEKLY("weekly"),
    MONTHLY("monthly"),
    YEARLY("yearly");

    private final String rule;

    Repeat(String rule) {
      this.rule = rule;
    }
  }

  /** One way to read an ambiguous time, as a choice on the card. */
  public record Reading(String label, LocalDate date, LocalTime time, LocalTime end) {}

  private final Intent intent;
  private final ActionService service;
  private final Background background;
  private final I18n i18n;
  private final Moments moments;
  private final Supplier<LocalDateTime> now;

  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
  private final StringProperty text = new SimpleStringProperty("");
  private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
  private final StringProperty time = new SimpleStringProperty("");
  private final StringProperty endTime = new SimpleStringProperty("");
  private final StringProperty location = new SimpleStringProperty("");
  private final ObjectProperty<Repeat> repeat = new SimpleObjectProperty<>(Repeat.NONE);
  private final ReadOnlyStringWrapper when = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
  private final ObservableList<Reading> readings = FXCollections.observableArrayList();
  private long activityId;

  /**
   * @param routed a creating intent (note, event, reminder, memory), as the router understood it
   * @param now the person's local time now (a card says when a time has passed)
   */
  public ActionCardViewModel(Routed routed, ActionService service, Background background, I18n i18n,
      Moments moments, Supplier<LocalDateTime> now) {
    this.intent = routed.intent();
    this.service = service;
    this.background = background;
    this.i18n = i18n;
    this.moments = moments;
    this.now = now;
    Map<String, String> slots = routed.slots();
    switch (intent) {
      case NOTE_CREATE, REMINDER_CREATE -> text.set(slots.getOrDefault("text", ""));
      case MEMORY_REMEMBER -> text.set(slots.getOrDefault("fact", ""));
      case EVENT_CREATE -> {
        text.set(slots.getOrDefault("title", ""));
        location.set(slots.getOrDefault("location", ""));
      }
      default -> throw new IllegalArgumentException("Not an action a card confirms: " + intent);
    }
    Reading understood = reading(slots);
    apply(understood);
    if (routed.isAmbiguous()) {
      Map<String, String> other = new HashMap<>(slots);
      other.putAll(routed.otherReadings());
      readings.setAll(understood, reading(other));
      state.set(State.ASKING);
    } else if (needsTime() && (date.get() == null || (intent == Intent.REMINDER_CREATE && time.get().isEmpty()))) {
      state.set(State.EDITING);
    }
    describe();
    List.of(text, time, endTime, location).forEach(p -> p.addListener((obs, old, value) -> describe()));
    date.addListener((obs, old, value) -> describe());
    repeat.addListener((obs, old, value) -> describe());
  }

  /** A reading of the date-time slots: {@code when} (reminder) or {@code start}/{@code end} (event). */
  private Reading reading(Map<String, String> slots) {
    String start = slots.getOrDefault(intent == Intent.REMINDER_CREATE ? "when" : "start", "");
    LocalDate day = start.length() >= 10 ? LocalDate.parse(start.substring(0, 10)) : null;
    LocalTime at = start.length() > 10 ? LocalTime.parse(start.substring(11)) : null;
    String endSlot = slots.getOrDefault("end", "");
    LocalTime end = endSlot.length() > 10 ? LocalTime.parse(endSlot.substring(11)) : null;
    String label = at == null || day == null ? ""
        : moments.dateTime(day.atTime(at)) + (end == null ? "" : " – " + moments.time(end));
    return new Reading(label, day, at, end);
  }

  private void apply(Reading reading) {
    date.set(reading.date());
    time.set(reading.time() == null ? "" : reading.time().toString());
    endTime.set(reading.end() == null ? "" : reading.end().toString());
  }

  /** The person picked how to read an ambiguous time. */
  public void choose(Reading reading) {
    if (state.get() != State.ASKING) {
      return;
    }
    apply(reading);
    readings.clear();
    state.set(State.READY);
  }

  public void edit() {
    if (state.get() == State.READY || state.get() == State.ASKING) {
      readings.clear();
      state.set(State.EDITING);
    }
  }

  public void cancel() {
    if (state.get() == State.READY || state.get() == State.ASKING || state.get() == State.EDITING) {
      state.set(State.CANCELLED);
      outcome.set(i18n.get("card.cancelled"));
    }
  }

  /** Writes what the card says (with the edits) through the action service; then Undo is offered. */
  public void confirm() {
    if (state.get() != State.READY && state.get() != State.EDITING) {
      return;
    }
    Action action;
    try {
      action = action();
    } catch (ActionException e) {
      warning.set(e.describe(Texts.of(moments.locale())));
      return;
    } catch (DateTimeParseException e) {
      warning.set(i18n.get("card.badTime"));
      return;
    }
    if (action == null) {
      warning.set(i18n.get("card.needsTime"));
      return;
    }
    State before = state.get();
    state.set(State.SAVING);
    background.run(() -> service.execute(action, Origin.WINDOW), done -> {
      activityId = done.entry().id();
      outcome.set(i18n.get("card.done." + intent.id()));
      state.set(State.DONE);
    }, e -> {
      warning.set(e instanceof ActionException refused ? refused.describe(Texts.of(moments.locale()))
          : i18n.get("card.saveFailed"));
      state.set(before);
    });
  }

  /** Reverses the confirmed action (it is logged as undone on the Activity page). */
  public void undo() {
    if (state.get() != State.DONE) {
      return;
    }
    state.set(State.SAVING);
    background.run(() -> service.undo(activityId, Origin.WINDOW), done -> {
      outcome.set(i18n.get("card.undone"));
      state.set(State.UNDONE);
    }, e -> {
      warning.set(e instanceof ActionException refused ? refused.describe(Texts.of(moments.locale()))
          : i18n.get("card.undoFailed"));
      state.set(State.DONE);
    });
  }

  /** The action the card stands for now; null when a needed time is missing. */
  private Action action() {
    return switch (intent) {
      case NOTE_CREATE -> new Action.CreateNote(Note.Draft.of(text.get().strip()));
      case MEMORY_REMEMBER -> new Action.Remember(text.get().strip());
      case REMINDER_CREATE -> {
        LocalDateTime due = start();
        yield due == null ? null
            : new Action.CreateReminder(text.get().strip(), due.atZone(moments.zone()).toInstant(), moments.zone());
      }
      case EVENT_CREATE -> {
        if (date.get() == null) {
          yield null;
        }
        LocalDateTime start = start();
        boolean allDay = start == null;
        LocalTime end = parseTime(endTime.get());
        yield new Action.CreateEvent(new EventDraft(text.get(), allDay ? date.get().atStartOfDay() : start,
            allDay || end == null ? null : date.get().atTime(end), allDay, moments.zone(), location.get(), "",
            repeat.get().rule, List.of()));
      }
      default -> throw new IllegalStateException("no action for " + intent);
    };
  }

  private LocalDateTime start() {
    LocalTime at = parseTime(time.get());
    return date.get() == null || at == null ? null : date.get().atTime(at);
  }

  /** "14:30", "9:05", "9" or "14.30"; null when empty. */
  static LocalTime parseTime(String typed) {
    String value = typed == null ? "" : typed.strip().replace('.', ':').replace('h', ':');
    if (value.isEmpty()) {
      return null;
    }
    if (value.endsWith(":")) {
      value = value + "00";
    }
    if (!value.contains(":")) {
      value = value + ":00";
    }
    if (value.indexOf(':') == 1) {
      value = "0" + value;
    }
    return LocalTime.parse(value);
  }

  private boolean needsTime() {
    return intent == Intent.REMINDER_CREATE || intent == Intent.EVENT_CREATE;
  }

  /** The day and time in words, and a warning when the time has passed or cannot be read. */
  private void describe() {
    if (!needsTime()) {
      when.set("");
      return;
    }
    List<String> parts = new ArrayList<>();
    LocalDateTime start;
    try {
      start = start();
      LocalTime end = parseTime(endTime.get());
      if (date.get() == null) {
        parts.add(i18n.get("card.noDay"));
      } else if (start == null) {
        parts.add(intent == Intent.EVENT_CREATE ? i18n.get("card.allDay", moments.day(date.get()))
            : moments.day(date.get()));
      } else {
        parts.add(moments.dateTime(start) + (end == null ? "" : " – " + moments.time(end)));
      }
      warning.set(start != null && start.isBefore(now.get()) ? i18n.get("card.past." + intent.id())
          : intent == Intent.REMINDER_CREATE && start == null ? i18n.get("card.needsTime") : "");
    } catch (DateTimeParseException e) {
      parts.add(i18n.get("card.noDay"));
      warning.set(i18n.get("card.badTime"));
    }
    if (!location.get().isBlank()) {
      parts.add(location.get().strip());
    }
    if (repeat.get() != Repeat.NONE) {
      parts.add(i18n.get("card.repeat." + repeat.get().name().toLowerCase(Locale.ROOT)));
    }
    when.set(String.join(" · ", parts));
  }

  public Intent intent() {
    return intent;
  }

  /** The kind in words: "Reminder", "Event", "Note", "Remember". */
  public String kindText() {
    return i18n.get("card.kind." + intent.id());
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  /** A reminder's or a note's text, an event's title, a fact to remember. */
  public StringProperty textProperty() {
    return text;
  }

  public ObjectProperty<LocalDate> dateProperty() {
    return date;
  }

  /** "14:30"; empty for none (an all-day event). */
  public StringProperty timeProperty() {
    return time;
  }

  public StringProperty endTimeProperty() {
    return endTime;
  }

  public StringProperty locationProperty() {
    return location;
  }

  public ObjectProperty<Repeat> repeatProperty() {
    return repeat;
  }

  /** Whether the card has a day and time (reminders, events), a place and a repeat (events). */
  public boolean hasTime() {
    return needsTime();
  }

  public boolean isEvent() {
    return intent == Intent.EVENT_CREATE;
  }

  /** The day and time in words, place and repeat ("Friday, December 4, 2026 at 10:00 AM · Casa Lola"). */
  public ReadOnlyStringProperty whenProperty() {
    return when.getReadOnlyProperty();
  }

  /** What the person should know before confirming (the time has passed, a time is missing); empty if nothing. */
  public ReadOnlyStringProperty warningProperty() {
    return warning.getReadOnlyProperty();
  }

  /** What happened: saved, cancelled, undone. */
  public ReadOnlyStringProperty outcomeProperty() {
    return outcome.getReadOnlyProperty();
  }

  /** The readings of an ambiguous time to choose from (empty unless {@link State#ASKING}). */
  public ObservableList<Reading> readings() {
    return readings;
  }

  /** The activity-log entry of the confirmed action (0 before). */
  public long activityId() {
    return activityId;
  }

  public String repeatText(Repeat value) {
    return i18n.get("card.repeat." + value.name().toLowerCase(Locale.ROOT));
  }
}
