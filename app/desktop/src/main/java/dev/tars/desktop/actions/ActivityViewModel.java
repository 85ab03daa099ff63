package dev.tars.desktop.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.actions.ActionService;
import dev.tars.actions.activity.ActivityEntry;
import dev.tars.actions.activity.ActivityLog;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Activity page: every action taken (in the window, confirmed from a sentence, from the command line, the
 * local API or by Tars itself), newest first: when, from where, what changed, and Undo where it can be undone.
 * It follows the log as it grows. UI thread only; reading and undoing happen in the background.
 */
public final class ActivityViewModel {
  /** How many of the latest actions the page lists. */
  static final int SHOWN = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  public enum State {
    LOADING,
    EMPTY,
    READY
  }

  /**
   * One action as the page shows it.
   *
   * @param what the kind in words ("Reminder created", "Undone: Event created")
   * @param summary the note's, event's or reminder's title or text
   * @param detail its time after the change, when it has one ("Dec 3, 2026, 10:00 AM"); empty otherwise
   */
  public record Row(long id, String when, String origin, String what, String summary, String detail,
      boolean canUndo, boolean undone) {}

  private final ActivityLog log;
  private final ActionService service;
  private final Background background;
  private final Notices notices;
  private final Moments moments;
  private final I18n i18n;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);

  public ActivityViewModel(ActivityLog log, ActionService service, Background background, Notices notices,
      Moments moments, I18n i18n) {
    this.log = log;
    this.service = service;
    this.background = background;
    this.notices = notices;
    this.moments = moments;
    this.i18n = i18n;
  }

  /** Reads the latest actions again. */
  public void refresh() {
    background.run(() -> log.recent(SHOWN).stream().map(this::row).toList(), loaded -> {
      rows.setAll(loaded);
      state.set(loaded.isEmpty() ? State.EMPTY : State.READY);
    }, e -> notices.error(i18n.get("activity.loadFailed")));
  }

  /** Reverses the action of {@code row}; the page then shows it undone, with the undo as a new row. */
  public void undo(Row row) {
    if (!row.canUndo()) {
      return;
    }
    background.run(() -> service.undo(row.id(), Origin.WINDOW), undone -> {
      notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("activity.undoneNotice", row.summary())));
      refresh();
    }, e -> notices.error(e instanceof ActionException refused ? refused.describe(Texts.of(moments.locale()))
        : i18n.get("activity.undoFailed")));
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  private Row row(ActivityEntry entry) {
    String what = kindText(entry.kind());
    String summary = entry.summary();
    if ("undo".equals(entry.kind())) {
      // An undo's summary is "<kind>: <summary>" of the action it reversed.
      int colon = summary.indexOf(": ");
      String undoneKind = colon > 0 ? summary.substring(0, colon) : "";
      if (i18n.has("activity.kind." + undoneKind)) {
        what = i18n.get("activity.undoOf", kindText(undoneKind));
        summary = summary.substring(colon + 2);
      }
    }
    return new Row(entry.id(), moments.brief(entry.at()), i18n.get("activity.origin."
        + entry.origin().name().toLowerCase(Locale.ROOT)), what, summary, detail(entry), entry.canUndo(),
        entry.undoneAt() != null);
  }

  private String kindText(String kind) {
    return i18n.has("activity.kind." + kind) ? i18n.get("activity.kind." + kind) : kind;
  }

  /** The time the subject has after the change (a reminder's due time, an event's start). */
  private String detail(ActivityEntry entry) {
    String json = entry.after() != null ? entry.after() : entry.before();
    if (json == null || "undo".equals(entry.kind())) {
      return "";
    }
    try {
      JsonNode subject = JSON.readTree(json);
      String at = subject.path("due").isTextual() ? subject.get("due").asText()
          : subject.path("start").isTextual() && !subject.path("allDay").asBoolean() ? subject.get("start").asText()
          : null;
      return at == null ? "" : moments.brief(Instant.parse(at));
    } catch (IOException | DateTimeParseException e) {
      return "";
    }
  }

  /** For tests: the rows' summaries, top to bottom. */
  List<String> summaries() {
    return rows.stream().map(Row::summary).toList();
  }
}
