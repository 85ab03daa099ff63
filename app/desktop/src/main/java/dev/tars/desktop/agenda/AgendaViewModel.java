package dev.tars.desktop.agenda;

import dev.tars.actions.Action;
import dev.tars.actions.ActionService;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.CalendarFile;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agenda page: which days show (day, week or month around an anchor day), their occurrences, and the
 * person's changes, each one an {@link Action} run by the {@link ActionService} (logged, with Undo). Storage
 * work runs in the {@link Background}; results come back on the UI thread.
 */
public final class AgendaViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(AgendaViewModel.class);

  public enum Mode { DAY, WEEK, MONTH }

  public enum State { LOADING, READY, IMPORTING, FAILED }

  private final Agenda agenda;
  private final ActionService service;
  private final Background background;
  private final I18n i18n;
  private final Texts texts;
  private final Notices notices;
  private final Clock clock;
  private final AgendaFormats formats;
  private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.MONTH);
  private final ReadOnlyObjectWrapper<LocalDate> anchor = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final ReadOnlyObjectWrapper<AgendaPage> page = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<ImportPreview> preview = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Long> highlighted = new ReadOnlyObjectWrapper<>(0L);
  private int loads; // a newer load makes an older one's result stale

  public AgendaViewModel(Agenda agenda, ActionService service, Background background, I18n i18n, Texts texts,
      Notices notices, Clock clock) {
    this.agenda = agenda;
    this.service = service;
    this.background = background;
    this.i18n = i18n;
    this.texts = texts;
    this.notices = notices;
    this.clock = clock;
    this.formats = new AgendaFormats(texts.locale(), agenda.personZone());
    anchor.set(today());
    mode.addListener((obs, old, now) -> refresh());
  }

  public AgendaFormats formats() {
    return formats;
  }

  public ZoneId zone() {
    return agenda.personZone();
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(agenda.personZone()));
  }

  /** Reads the occurrences of the days shown (only those: a month with 10,000 events expands one month). */
  public void refresh() {
    int load = ++loads;
    Mode shownMode = mode.get();
    LocalDate day = anchor.get();
    LocalDate from = firstDay(shownMode, day);
    LocalDate to = lastDay(shownMode, day);
    if (page.get() == null) {
      state.set(State.LOADING);
    }
    background.run(() -> agenda.occurrences(from, to), list -> {
      if (load != loads) {
        return;
      }
      page.set(AgendaPage.of(shownMode, day, from, to, list, agenda.personZone()));
      if (state.get() != State.IMPORTING) {
        state.set(State.READY);
      }
    }, e -> {
      if (load == loads) {
        state.set(State.FAILED);
        notices.error(i18n.get("agenda.loadFailed"));
      }
    });
  }

  LocalDate firstDay(Mode m, LocalDate day) {
    return switch (m) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(formats.firstDayOfWeek()));
      case MONTH -> day.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(formats.firstDayOfWeek()));
    };
  }

  LocalDate lastDay(Mode m, LocalDate day) {
    return switch (m) {
      case DAY -> day;
      case WEEK -> firstDay(m, day).plusDays(6);
      case MONTH -> firstDay(m, day).plusDays(6 * 7 - 1);
    };
  }

  public void previous() {
    move(-1);
  }

  public void next() {
    move(1);
  }

  private void move(int step) {
    LocalDate day = anchor.get();
    anchor.set(switch (mode.get()) {
      case DAY -> day.plusDays(step);
      case WEEK -> day.plusWeeks(step);
      case MONTH -> day.plusMonths(step);
    });
    refresh();
  }

  public void goToday() {
    show(today(), null);
  }

  /** Shows {@code day} in the current mode. */
  public void show(LocalDate day, Mode newMode) {
    anchor.set(day);
    if (newMode != null && newMode != mode.get()) {
      mode.set(newMode); // refreshes
    } else {
      refresh();
    }
  }

  /** The navigation request other features use: show the day of an event, with the event marked. */
  public void open(LocalDate day, long eventId) {
    highlighted.set(eventId);
    show(day, Mode.DAY);
  }

  /** A draft for a new event starting at {@code start} (one hour long, or all day). */
  public EventDraft newDraft(LocalDateTime start, boolean allDay) {
    return new EventDraft(i18n.get("agenda.newEventTitle"), start, null, allDay, agenda.personZone(), "", "", null,
        java.util.List.of());
  }

  /** Loads the draft of {@code occurrence} for the event dialog: the series' fields on this occurrence's times. */
  public void loadDraft(Occurrence occurrence, Consumer<EventDraft> onLoaded) {
    background.run(() -> agenda.draftOf(occurrence.eventId()), draft -> onLoaded.accept(onOccurrence(draft,
        occurrence)), e -> failed(e, "agenda.loadFailed"));
  }

  private EventDraft onOccurrence(EventDraft series, Occurrence occurrence) {
    LocalDateTime start = occurrence.allDay() ? occurrence.startDay().atStartOfDay()
        : LocalDateTime.ofInstant(occurrence.start(), series.zone());
    LocalDateTime end = start.plus(Duration.between(series.start(), series.end()));
    return new EventDraft(series.title(), start, end, series.allDay(), series.zone(), series.location(),
        series.notes(), series.repeat(), series.alertMinutes());
  }

  public void create(EventDraft draft) {
    act(new Action.CreateEvent(draft), i18n.get("agenda.created", draft.title()), draft.start().toLocalDate());
  }

  /** Saves {@code draft} over {@code occurrence}; {@code scope} matters only for a repeating event. */
  public void edit(Occurrence occurrence, EventDraft draft, Agenda.Scope scope) {
    Action action = occurrence.repeats()
        ? new Action.EditOccurrences(occurrence.eventId(), occurrence.start(), draft, scope)
        : new Action.EditEvent(occurrence.eventId(), draft);
    act(action, i18n.get("agenda.saved", draft.title()), null);
  }

  public void delete(Occurrence occurrence, Agenda.Scope scope) {
    // Also for an event that does not repeat: a changed occurrence of a series must leave its slot empty.
    Action action = new Action.DeleteOccurrences(occurrence.eventId(), occurrence.start(), scope);
    act(action, i18n.get("agenda.deleted", occurrence.title()), null);
  }

  private void act(Action action, String done, LocalDate showDay) {
    background.run(() -> service.execute(action, Origin.WINDOW), outcome -> {
      offerUndo(done, outcome.entry().id());
      if (showDay != null && (showDay.isBefore(page.get().from()) || showDay.isAfter(page.get().to()))) {
        show(showDay, null);
      }
    }, e -> failed(e, "agenda.actionFailed"));
  }

  private void offerUndo(String text, long activityId) {
    notices.post(new Notices.Notice(Notices.Kind.SUCCESS, text, i18n.get("agenda.undo"), () -> undo(activityId)));
  }

  public void undo(long activityId) {
    background.run(() -> service.undo(activityId, Origin.WINDOW), entry -> notices.info(i18n.get("agenda.undone")),
        e -> failed(e, "agenda.actionFailed"));
  }

  /** Reads {@code file} for the import preview ({@link #previewProperty()}); a bad file gets one clear message. */
  public void preview(Path file) {
    background.run(() -> agenda.read(file), read -> preview.set(ImportPreview.of(file, read, formats)),
        e -> failed(e, "agenda.importFailed"));
  }

  /** Imports what the preview showed, in one transaction, off the UI thread. */
  public void confirmImport() {
    ImportPreview shown = preview.get();
    preview.set(null);
    if (shown == null) {
      return;
    }
    CalendarFile file = shown.file();
    state.set(State.IMPORTING);
    background.run(() -> service.execute(new Action.ImportCalendar(file), Origin.WINDOW), outcome -> {
      state.set(State.READY);
      ActionService.ImportSummary summary = (ActionService.ImportSummary) outcome.subject();
      offerUndo(i18n.get("agenda.imported", summary.events(), summary.tasks(), shown.fileName()),
          outcome.entry().id());
      if (!file.events().isEmpty()) {
        show(LocalDate.ofInstant(file.events().get(0).start(), agenda.personZone()), null);
      }
    }, e -> {
      state.set(State.READY);
      failed(e, "agenda.importFailed");
    });
  }

  public void cancelImport() {
    preview.set(null);
  }

  public void export(Path file) {
    background.run(() -> service.execute(new Action.ExportCalendar(file), Origin.WINDOW),
        outcome -> notices.post(new Notices.Notice(Notices.Kind.SUCCESS,
            i18n.get("agenda.exported", outcome.subject(), file.getFileName().toString()))),
        e -> failed(e, "agenda.exportFailed"));
  }

  private void failed(Exception e, String fallbackKey) {
    if (e instanceof ActionException action) {
      notices.error(action.describe(texts));
    } else {
      LOG.warn("Agenda action failed", e);
      notices.error(i18n.get(fallbackKey));
    }
  }

  public ObjectProperty<Mode> modeProperty() {
    return mode;
  }

  public ReadOnlyObjectProperty<LocalDate> anchorProperty() {
    return anchor.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The days shown and their occurrences; replaced (not changed) at each load. */
  public ReadOnlyObjectProperty<AgendaPage> pageProperty() {
    return page.getReadOnlyProperty();
  }

  /** A read calendar file waiting for Import or Cancel; null when none. */
  public ReadOnlyObjectProperty<ImportPreview> previewProperty() {
    return preview.getReadOnlyProperty();
  }

  /** The event a navigation request asked to show (0 = none). */
  public ReadOnlyObjectProperty<Long> highlightedProperty() {
    return highlighted.getReadOnlyProperty();
  }

  /** The title over the days: the month, the week's span or the day, in the person's language. */
  public String title() {
    AgendaPage shown = page.get();
    LocalDate day = anchor.get();
    return switch (mode.get()) {
      case DAY -> formats.longDay(day);
      case WEEK -> formats.span(firstDay(Mode.WEEK, day), lastDay(Mode.WEEK, day));
      case MONTH -> formats.month(day);
    } + (shown != null && shown.truncated() ? " " + i18n.get("agenda.truncated") : "");
  }
}
