package dev.tars.actions.activity;

import dev.tars.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** Every action taken, newest first. Listeners run on the thread that logged (a UI hops to its own). */
public final class ActivityLog {
  private static final String COLUMNS = "id, at, origin, kind, subject_id, summary, before_json, after_json,"
      + " undoable, undone_at, undo_of, client";
  /** Longest client name kept (the column's size); a longer one is cut. */
  public static final int MAX_CLIENT = 120;

  private final Jdbc jdbc;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public ActivityLog(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  public ActivityEntry record(Origin origin, String kind, long subjectId, String summary, String before,
      String after, boolean undoable, Long undoOf) {
    return record(origin, "", kind, subjectId, summary, before, after, undoable, undoOf);
  }

  /** As {@link #record(Origin, String, long, String, String, String, boolean, Long)}, naming the program. */
  public ActivityEntry record(Origin origin, String client, String kind, long subjectId, String summary,
      String before, String after, boolean undoable, Long undoOf) {
    String name = client == null ? "" : client.strip();
    name = name.length() <= MAX_CLIENT ? name : name.substring(0, MAX_CLIENT);
    long id = jdbc.insert("INSERT INTO activity (at, origin, kind, subject_id, summary, before_json, after_json,"
        + " undoable, undo_of, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        clock.instant().atOffset(ZoneOffset.UTC), origin.name(), kind, subjectId, clip(summary), before, after,
        undoable, undoOf, name.isEmpty() ? null : name);
    listeners.forEach(Runnable::run);
    return find(id).orElseThrow();
  }

  /** Marks {@code id} undone; false if it was undone already (two Undo clicks undo once). */
  public boolean markUndone(long id) {
    return jdbc.update("UPDATE activity SET undone_at = ? WHERE id = ? AND undone_at IS NULL AND undoable",
        clock.instant().atOffset(ZoneOffset.UTC), id) == 1;
  }

  /** Clears an undone mark again, when the undo itself failed. */
  public void unmarkUndone(long id) {
    jdbc.update("UPDATE activity SET undone_at = NULL WHERE id = ?", id);
  }

  public Optional<ActivityEntry> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM activity WHERE id = ?", ActivityLog::map, id);
  }

  public List<ActivityEntry> recent(int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM activity ORDER BY id DESC LIMIT ?", ActivityLog::map,
        Math.max(0, limit));
  }

  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private static String clip(String summary) {
    String s = summary == null ? "" : summary.strip();
    return s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
  }

  private static ActivityEntry map(ResultSet row) throws SQLException {
    OffsetDateTime undone = row.getObject("undone_at", OffsetDateTime.class);
    long undoOf = row.getLong("undo_of");
    Long undoOfId = row.wasNull() ? null : undoOf;
    Instant undoneAt = undone == null ? null : undone.toInstant();
    return new ActivityEntry(row.getLong("id"), row.getObject("at", OffsetDateTime.class).toInstant(),
        Origin.valueOf(row.getString("origin")), row.getString("kind"), row.getLong("subject_id"),
        row.getString("summary"), row.getString("before_json"), row.getString("after_json"),
        row.getBoolean("undoable"), undoneAt, undoOfId, row.getString("client") == null ? "" : row.getString("client"));
  }
}
