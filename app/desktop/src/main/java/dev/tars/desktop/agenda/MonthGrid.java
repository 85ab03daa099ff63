package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.Occurrence;
import dev.tars.desktop.fx.I18n;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * Six weeks of days, each with at most {@link #CHIPS} events and "+N more" (which opens that day): drawing stays
 * the same size however many events a month holds.
 */
final class MonthGrid {
  /** Event chips drawn in one day; a fourth would not fit a day on a laptop screen. */
  static final int CHIPS = 3;

  private final GridPane grid = new GridPane();
  private final AgendaFormats formats;
  private final long highlighted;
  private final I18n i18n;
  private final Consumer<Occurrence> open;
  private final BiConsumer<LocalDateTime, Boolean> create;
  private final Consumer<LocalDate> showDay;

  MonthGrid(AgendaPage page, AgendaFormats formats, LocalDate today, long highlighted, I18n i18n,
      Consumer<Occurrence> open, BiConsumer<LocalDateTime, Boolean> create, Consumer<LocalDate> showDay) {
    this.formats = formats;
    this.highlighted = highlighted;
    this.i18n = i18n;
    this.open = open;
    this.create = create;
    this.showDay = showDay;
    grid.getStyleClass().add("agenda-month");
    for (int column = 0; column < 7; column++) {
      ColumnConstraints c = new ColumnConstraints();
      c.setPercentWidth(100.0 / 7);
      c.setHgrow(Priority.ALWAYS);
      grid.getColumnConstraints().add(c);
      Label head = new Label(formats.weekday(page.from().plusDays(column).getDayOfWeek()));
      head.getStyleClass().add("agenda-head");
      grid.add(head, column, 0);
    }
    grid.getRowConstraints().add(new RowConstraints());
    int weeks = (int) ((page.to().toEpochDay() - page.from().toEpochDay() + 1) / 7);
    for (int week = 0; week < weeks; week++) {
      RowConstraints r = new RowConstraints();
      r.setPercentHeight(100.0 / weeks);
      r.setVgrow(Priority.ALWAYS);
      grid.getRowConstraints().add(r);
      for (int column = 0; column < 7; column++) {
        LocalDate day = page.from().plusDays(week * 7L + column);
        grid.add(cell(day, page.on(day), day.getMonth() == page.anchor().getMonth(), day.equals(today)), column,
            week + 1);
      }
    }
  }

  Node root() {
    return grid;
  }

  private Node cell(LocalDate day, List<Occurrence> occurrences, boolean inMonth, boolean today) {
    VBox cell = new VBox(2);
    cell.getStyleClass().add("agenda-cell");
    cell.setUserData(day);
    cell.setId("day-" + day);
    if (!inMonth) {
      cell.getStyleClass().add("other-month");
    }
    if (today) {
      cell.getStyleClass().add("today");
    }
    cell.setMinSize(0, 0);
    Label number = new Label(Integer.toString(day.getDayOfMonth()));
    number.getStyleClass().add("agenda-day-number");
    cell.getChildren().add(number);
    int shown = occurrences.size() <= CHIPS + 1 ? occurrences.size() : CHIPS;
    for (Occurrence o : occurrences.subList(0, shown)) {
      cell.getChildren().add(chip(o));
    }
    if (shown < occurrences.size()) {
      Label more = new Label(i18n.get("agenda.more", occurrences.size() - shown));
      more.getStyleClass().add("agenda-more");
      more.setOnMouseClicked(e -> {
        showDay.accept(day);
        e.consume();
      });
      cell.getChildren().add(more);
    }
    cell.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        create.accept(day.atTime(9, 0), false);
      }
    });
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(cell.widthProperty());
    clip.heightProperty().bind(cell.heightProperty());
    cell.setClip(clip);
    return cell;
  }

  private Node chip(Occurrence o) {
    Label chip = new Label(o.allDay() ? o.title() : formats.time(o.start()) + " " + o.title());
    chip.getStyleClass().add("agenda-chip");
    if (o.allDay()) {
      chip.getStyleClass().add("all-day");
    }
    if (o.eventId() == highlighted) {
      chip.getStyleClass().add("highlighted");
    }
    chip.setUserData(o);
    chip.setMaxWidth(Double.MAX_VALUE);
    chip.setMinWidth(0);
    chip.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        open.accept(o);
      }
      e.consume();
    });
    return chip;
  }
}
