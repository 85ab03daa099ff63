package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.i18n.ActionException;
import dev.tars.desktop.fx.I18n;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The fields of the event dialog: title, all day, start and end, place, notes, repeat (daily, weekly on chosen
 * days, monthly, yearly; until a day or N times) and an alert. {@link #draft()} reads them back as an
 * {@link EventDraft}, which checks them.
 */
final class EventForm {
  /** Alert choices, minutes before the start; -1 = none. */
  static final List<Integer> ALERTS = List.of(-1, 0, 5, 10, 15, 30, 60, 120, 1440);

  enum Ends { NEVER, ON_DAY, AFTER }

  final TextField title = new TextField();
  final CheckBox allDay;
  final DatePicker startDay = new DatePicker();
  final TextField startTime = new TextField();
  final DatePicker endDay = new DatePicker();
  final TextField endTime = new TextField();
  final TextField place = new TextField();
  final TextArea notes = new TextArea();
  final ComboBox<Repeat.Frequency> repeat = new ComboBox<>();
  final HBox weekdays = new HBox(4);
  final ComboBox<Ends> ends = new ComboBox<>();
  final DatePicker untilDay = new DatePicker();
  final Spinner<Integer> count = new Spinner<>(1, 999, 10);
  final ComboBox<Integer> alert = new ComboBox<>();
  final Label problem = new Label();
  private final GridPane grid = new GridPane();
  private final I18n i18n;
  private final AgendaFormats formats;
  private final DateTimeFormatter timeFormat;
  private final EventDraft original;
  private String customRule;

  EventForm(EventDraft draft, I18n i18n, AgendaFormats formats) {
    this.i18n = i18n;
    this.formats = formats;
    this.original = draft;
    this.timeFormat = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(formats.locale());
    allDay = new CheckBox(i18n.get("agenda.form.allDay"));
    title.setId("eventTitle");
    allDay.setId("eventAllDay");
    startDay.setId("eventStartDay");
    startTime.setId("eventStartTime");
    endDay.setId("eventEndDay");
    endTime.setId("eventEndTime");
    place.setId("eventPlace");
    notes.setId("eventNotes");
    repeat.setId("eventRepeat");
    ends.setId("eventEnds");
    untilDay.setId("eventUntil");
    count.setId("eventCount");
    alert.setId("eventAlert");
    problem.setId("eventProblem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    notes.setPrefRowCount(3);
    notes.setWrapText(true);
    startTime.setPrefColumnCount(6);
    endTime.setPrefColumnCount(6);
    count.setEditable(true);
    count.setPrefWidth(90);
    layout();
    fill(draft);
  }

  GridPane root() {
    return grid;
  }

  private void layout() {
    grid.getStyleClass().add("agenda-form");
    grid.setHgap(10);
    grid.setVgap(8);
    int row = 0;
    grid.addRow(row++, label("agenda.form.title"), title);
    GridPane.setHgrow(title, Priority.ALWAYS);
    grid.addRow(row++, new Label(), allDay);
    grid.addRow(row++, label("agenda.form.start"), new HBox(6, startDay, startTime));
    grid.addRow(row++, label("agenda.form.end"), new HBox(6, endDay, endTime));
    grid.addRow(row++, label("agenda.form.place"), place);
    grid.addRow(row++, label("agenda.form.notes"), notes);
    repeat.getItems().setAll(Repeat.Frequency.values());
    repeat.setConverter(names("agenda.repeat."));
    grid.addRow(row++, label("agenda.form.repeat"), new HBox(6, repeat, weekdays));
    DayOfWeek first = formats.firstDayOfWeek();
    for (int i = 0; i < 7; i++) {
      DayOfWeek day = first.plus(i);
      ToggleButton toggle = new ToggleButton(formats.weekday(day));
      toggle.setUserData(day);
      toggle.setId("weekday-" + day.name());
      weekdays.getChildren().add(toggle);
    }
    ends.getItems().setAll(Ends.values());
    ends.setConverter(names("agenda.ends."));
    grid.addRow(row++, label("agenda.form.ends"), new HBox(6, ends, untilDay, count));
    alert.getItems().setAll(ALERTS);
    alert.setConverter(new StringConverter<>() {
      @Override
      public String toString(Integer minutes) {
        return minutes == null ? "" : alertText(minutes);
      }

      @Override
      public Integer fromString(String text) {
        return null;
      }
    });
    alert.setButtonCell(new ListCell<>() {
      @Override
      protected void updateItem(Integer item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? "" : alertText(item));
      }
    });
    grid.addRow(row++, label("agenda.form.alert"), alert);
    grid.add(problem, 0, row, 2, 1);
    allDay.selectedProperty().addListener((obs, old, now) -> timesShown());
    repeat.valueProperty().addListener((obs, old, now) -> repeatShown());
    ends.valueProperty().addListener((obs, old, now) -> repeatShown());
  }

  private String alertText(int minutes) {
    return minutes < 0 ? i18n.get("agenda.alert.none") : minutes == 0 ? i18n.get("agenda.alert.atStart")
        : minutes % 1440 == 0 ? i18n.get("agenda.alert.days", minutes / 1440)
        : minutes % 60 == 0 ? i18n.get("agenda.alert.hours", minutes / 60) : i18n.get("agenda.alert.minutes", minutes);
  }

  private Label label(String key) {
    return new Label(i18n.get(key));
  }

  private <T extends Enum<T>> StringConverter<T> names(String prefix) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : i18n.get(prefix + value.name().toLowerCase(Locale.ROOT));
      }

      @Override
      public T fromString(String text) {
        return null;
      }
    };
  }

  private void fill(EventDraft draft) {
    title.setText(draft.title());
    allDay.setSelected(draft.allDay());
    startDay.setValue(draft.start().toLocalDate());
    startTime.setText(timeFormat.format(draft.start().toLocalTime()));
    // An all-day end is the day after the last day (as iCalendar has it); people read the last day.
    endDay.setValue(draft.allDay() ? draft.end().toLocalDate().minusDays(1) : draft.end().toLocalDate());
    endTime.setText(timeFormat.format(draft.end().toLocalTime()));
    place.setText(draft.location());
    notes.setText(draft.notes());
    Repeat shown = Repeat.of(draft.repeat(), draft.zone());
    customRule = shown.customRule();
    if (shown.frequency() != Repeat.Frequency.CUSTOM) {
      repeat.getItems().remove(Repeat.Frequency.CUSTOM);
    }
    repeat.setValue(shown.frequency());
    Set<DayOfWeek> days = shown.days().isEmpty() ? Set.of(draft.start().getDayOfWeek()) : shown.days();
    weekdays.getChildren().forEach(n -> ((ToggleButton) n).setSelected(days.contains((DayOfWeek) n.getUserData())));
    ends.setValue(shown.count() > 0 ? Ends.AFTER : shown.until() != null ? Ends.ON_DAY : Ends.NEVER);
    untilDay.setValue(shown.until() != null ? shown.until() : draft.start().toLocalDate().plusMonths(3));
    count.getValueFactory().setValue(shown.count() > 0 ? shown.count() : 10);
    alert.setValue(draft.alertMinutes().isEmpty() ? -1 : draft.alertMinutes().get(0));
    timesShown();
    repeatShown();
  }

  private void timesShown() {
    startTime.setVisible(!allDay.isSelected());
    endTime.setVisible(!allDay.isSelected());
  }

  private void repeatShown() {
    Repeat.Frequency f = repeat.getValue();
    boolean repeats = f != null && f != Repeat.Frequency.NONE && f != Repeat.Frequency.CUSTOM;
    weekdays.setVisible(f == Repeat.Frequency.WEEKLY);
    weekdays.setManaged(f == Repeat.Frequency.WEEKLY);
    ends.setDisable(!repeats);
    untilDay.setVisible(repeats && ends.getValue() == Ends.ON_DAY);
    untilDay.setManaged(untilDay.isVisible());
    count.setVisible(repeats && ends.getValue() == Ends.AFTER);
    count.setManaged(count.isVisible());
  }

  /** The draft the fields describe; a problem (no title, end before start, unreadable time) is shown and null returned. */
  EventDraft draft() {
    try {
      boolean whole = allDay.isSelected();
      LocalDate first = startDay.getValue();
      LocalDate last = endDay.getValue() == null ? first : endDay.getValue();
      LocalDateTime start = whole ? first.atStartOfDay() : first.atTime(time(startTime));
      LocalDateTime end = whole ? last.plusDays(1).atStartOfDay() : last.atTime(time(endTime));
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      weekdays.getChildren().stream().filter(n -> ((ToggleButton) n).isSelected())
          .forEach(n -> days.add((DayOfWeek) n.getUserData()));
      Repeat.Frequency f = repeat.getValue() == null ? Repeat.Frequency.NONE : repeat.getValue();
      Repeat chosen = new Repeat(f, days, ends.getValue() == Ends.ON_DAY ? untilDay.getValue() : null,
          ends.getValue() == Ends.AFTER ? count.getValue() : 0, customRule);
      int minutes = alert.getValue() == null ? -1 : alert.getValue();
      EventDraft draft = new EventDraft(title.getText(), start, end, whole, original.zone(), place.getText(),
          notes.getText(), chosen.toRule(whole, original.zone()), minutes < 0 ? List.of() : List.of(minutes));
      problem.setText("");
      return draft;
    } catch (ActionException e) {
      problem.setText(i18n.has("agenda.problem." + e.key()) ? i18n.get("agenda.problem." + e.key())
          : i18n.get("agenda.problem.invalid"));
    } catch (DateTimeParseException | NullPointerException e) {
      problem.setText(i18n.get("agenda.problem.time"));
    }
    return null;
  }

  private LocalTime time(TextField field) {
    String text = field.getText().strip().toUpperCase(formats.locale());
    for (String candidate : List.of(text, text.replace(' ', '\u202f'))) {
      try {
        return LocalTime.parse(candidate, timeFormat);
      } catch (DateTimeParseException e) {
        // try the next way of writing it
      }
    }
    return LocalTime.parse(text.length() <= 2 ? text + ":00" : text, DateTimeFormatter.ofPattern("H:mm"));
  }
}
