package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.Occurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * One day or a week as columns of hours: all-day events in a row at the top, timed events as blocks placed by
 * their start and length (side by side when they overlap, at most {@link #LANES}). Opens scrolled to 08:00.
 */
final class TimeGrid {
  static final double HOUR = 44;
  static final int LANES = 4;
  private static final double GUTTER = 56;
  private static final double TWO_LINES = 32;

  private final VBox root = new VBox();
  private final AgendaFormats formats;
  private final long highlighted;
  private final Consumer<Occurrence> open;
  private final BiConsumer<LocalDateTime, Boolean> create;

  TimeGrid(AgendaPage page, AgendaFormats formats, LocalDate today, long highlighted, Consumer<Occurrence> open,
      BiConsumer<LocalDateTime, Boolean> create) {
    this.formats = formats;
    this.highlighted = highlighted;
    this.open = open;
    this.create = create;
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = page.from(); !d.isAfter(page.to()); d = d.plusDays(1)) {
      days.add(d);
    }
    GridPane heads = columns(days.size());
    GridPane body = columns(days.size());
    Pane hours = new Pane();
    hours.setPrefHeight(24 * HOUR);
    for (int h = 1; h < 24; h++) {
      Label label = new Label(formats.time(LocalTime.of(h, 0)));
      label.getStyleClass().add("agenda-hour");
      label.setLayoutY(h * HOUR - 8);
      label.setLayoutX(4);
      hours.getChildren().add(label);
    }
    body.add(hours, 0, 0);
    for (int i = 0; i < days.size(); i++) {
      LocalDate day = days.get(i);
      Label head = new Label(formats.dayHead(day));
      head.getStyleClass().addAll("agenda-head", "agenda-column-head");
      if (day.equals(today)) {
        head.getStyleClass().add("today");
      }
      VBox allDay = new VBox(2, head);
      allDay.getStyleClass().add("agenda-all-day-row");
      allDay.setId("allday-" + day);
      page.on(day).stream().filter(Occurrence::allDay).limit(MonthGrid.CHIPS).forEach(o -> allDay.getChildren()
          .add(chip(o)));
      allDay.setOnMouseClicked(e -> {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
          create.accept(day.atStartOfDay(), true);
        }
      });
      heads.add(allDay, i + 1, 0);
      body.add(dayColumn(day, page.on(day), day.equals(today)), i + 1, 0);
    }
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.viewportBoundsProperty().addListener((obs, old, now) -> {
      if ((old == null || old.getHeight() == 0) && now.getHeight() > 0) {
        scroll.setVvalue(Math.min(1, 8 * HOUR / Math.max(1, 24 * HOUR - now.getHeight())));
      }
    });
    VBox.setVgrow(scroll, Priority.ALWAYS);
    root.getChildren().addAll(heads, scroll);
  }

  Node root() {
    return root;
  }

  private static GridPane columns(int days) {
    GridPane grid = new GridPane();
    ColumnConstraints gutter = new ColumnConstraints(GUTTER, GUTTER, GUTTER);
    grid.getColumnConstraints().add(gutter);
    for (int i = 0; i < days; i++) {
      ColumnConstraints c = new ColumnConstraints();
      c.setHgrow(Priority.ALWAYS);
      c.setPercentWidth(-1);
      c.setMinWidth(0);
      c.setPrefWidth(100);
      grid.getColumnConstraints().add(c);
    }
    return grid;
  }

  private Node dayColumn(LocalDate day, List<Occurrence> occurrences, boolean today) {
    Pane column = new Pane();
    column.getStyleClass().add("agenda-day-column");
    column.setId("column-" + day);
    if (today) {
      column.getStyleClass().add("today");
    }
    column.setPrefHeight(24 * HOUR);
    column.setMinWidth(0);
    for (int h = 1; h < 24; h++) {
      Line line = new Line(0, h * HOUR, 0, h * HOUR);
      line.endXProperty().bind(column.widthProperty());
      line.getStyleClass().add("agenda-hour-line");
      line.setMouseTransparent(true);
      column.getChildren().add(line);
    }
    Instant dayStart = day.atStartOfDay(formats.zone()).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(formats.zone()).toInstant();
    List<Instant> laneEnds = new ArrayList<>();
    for (Occurrence o : occurrences) {
      if (o.allDay()) {
        continue;
      }
      Instant start = o.start().isBefore(dayStart) ? dayStart : o.start();
      Instant end = o.end().isAfter(dayEnd) ? dayEnd : o.end();
      int lane = 0;
      while (lane < laneEnds.size() && laneEnds.get(lane).isAfter(start)) {
        lane++;
      }
      if (lane >= LANES) {
        continue; // too many at once to draw side by side: the day view of a busy day shows the first four
      }
      if (lane == laneEnds.size()) {
        laneEnds.add(end);
      } else {
        laneEnds.set(lane, end);
      }
      column.getChildren().add(block(o, column, y(dayStart, start), Math.max(HOUR / 2.2, y(dayStart, end)
          - y(dayStart, start)), lane));
    }
    column.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        int halfHours = (int) Math.max(0, Math.min(47, e.getY() / (HOUR / 2)));
        create.accept(day.atTime(halfHours / 2, (halfHours % 2) * 30), false);
      }
    });
    return column;
  }

  private static double y(Instant dayStart, Instant at) {
    return Duration.between(dayStart, at).toMinutes() * HOUR / 60.0;
  }

  private Node block(Occurrence o, Pane column, double top, double height, int lane) {
    VBox block = new VBox(0);
    if (height < TWO_LINES) {
      // A short event gets one line: its start and title.
      block.getChildren().add(new Label(formats.time(o.start()) + " " + o.title()));
    } else {
      Label time = new Label(formats.time(o.start()) + " – " + formats.time(o.end()));
      time.getStyleClass().add("agenda-block-time");
      block.getChildren().addAll(new Label(o.title()), time);
    }
    if (!o.location().isBlank() && height > HOUR) {
      block.getChildren().add(new Label(o.location()));
    }
    block.getStyleClass().add("agenda-block");
    if (o.eventId() == highlighted) {
      block.getStyleClass().add("highlighted");
    }
    block.setUserData(o);
    block.setLayoutY(top);
    block.setPrefHeight(height);
    block.setMinHeight(height);
    block.setMaxHeight(height);
    double lanes = LANES;
    block.layoutXProperty().bind(column.widthProperty().divide(lanes).multiply(lane).add(1));
    block.prefWidthProperty().bind(column.widthProperty().multiply(lane == 0 ? 1.0 : (lanes - lane) / lanes)
        .subtract(3));
    block.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        open.accept(o);
      }
      e.consume();
    });
    return block;
  }

  private Node chip(Occurrence o) {
    Label chip = new Label(o.title());
    chip.getStyleClass().addAll("agenda-chip", "all-day");
    if (o.eventId() == highlighted) {
      chip.getStyleClass().add("highlighted");
    }
    chip.setUserData(o);
    chip.setMaxWidth(Double.MAX_VALUE);
    chip.setOnMouseClicked(e -> {
      open.accept(o);
      e.consume();
    });
    return chip;
  }
}
