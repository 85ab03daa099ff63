package dev.tars.actions.reminders;

import dev.tars.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reminders and their delivery outbox in H2. {@link #record} marks a reminder fired and writes its delivery row
 * in one transaction: after a crash the reminder is either still pending or delivered, never both or neither.
 */
public final class ReminderStore {
  private static final String COLUMNS = "id, uid, text, due_at, zone_id, status, ics, created_at";

  private final Jdbc jdbc;
  private final Clock clock;

  public ReminderStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  public Reminder add(String uid, String text, Instant due, ZoneId zone, Reminder.Status status, String ics) {
    OffsetDateTime now = utc(clock.instant());
    long id = jdbc.insert("INSERT INTO reminder (uid, text, due_at, zone_id, status, ics, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", uid, text, utcOrNull(due), zone.getId(), status.name(), ics, now, now);
    return find(id).orElseThrow();
  }

  /** Puts a deleted reminder back with its id (undo). */
  public void restore(Reminder r) {
    jdbc.update("INSERT INTO reminder (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(),
        r.uid(), r.text(), utcOrNull(r.due()), r.zone().getId(), r.status().name(), r.ics(), utc(r.createdAt()),
        utc(clock.instant()));
  }

  public Optional<Reminder> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM reminder WHERE id = ?", ReminderStore::map, id);
  }

  public Optional<Reminder> findByUid(String uid) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM reminder WHERE uid = ?", ReminderStore::map, uid);
  }

  /** Pending first by due time, then the rest. */
  public List<Reminder> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM reminder ORDER BY CASE status WHEN 'PENDING' THEN 0 ELSE 1 END,"
        + " due_at NULLS LAST, id", ReminderStore::map);
  }

  public boolean delete(long id) {
    return jdbc.update("DELETE FROM reminder WHERE id = ?", id) > 0;
  }

  /** Sets the due time and status (snooze: a new time and PENDING; done: DONE). */
  public void update(long id, String text, Instant due, Reminder.Status status) {
    jdbc.update("UPDATE reminder SET text = ?, due_at = ?, status = ?, updated_at = ? WHERE id = ?", text,
        utcOrNull(due), status.name(), utc(clock.instant()), id);
  }

  /** Pending reminders due at or before {@code now}, oldest first. */
  public List<Reminder> dueBy(Instant now) {
    return jdbc.query("SELECT " + COLUMNS + " FROM reminder WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at, id",
        ReminderStore::map, utc(now));
  }

  /** The next pending due time, if any. */
  public Optional<Instant> nextDue() {
    return jdbc.queryOne("SELECT due_at FROM reminder WHERE status = 'PENDING' AND due_at IS NOT NULL"
        + " ORDER BY due_at LIMIT 1", row -> row.getObject(1, OffsetDateTime.class).toInstant());
  }

  /** Called inside {@link #record}'s transaction, before it commits (tests crash the process there). */
  @FunctionalInterface
  public interface BeforeCommit {
    void run(Reminder reminder);
  }

  /**
   * Marks {@code r} FIRED and writes its delivery row, in one transaction.
   *
   * @return false when it was no longer pending (done, deleted, or recorded already)
   */
  public boolean record(Reminder r, boolean missed, BeforeCommit beforeCommit) {
    return jdbc.inTransaction(c -> {
      try (PreparedStatement mark = c.prepareStatement(
          "UPDATE reminder SET status = 'FIRED', updated_at = ? WHERE id = ? AND status = 'PENDING' AND due_at = ?")) {
        mark.setObject(1, utc(clock.instant()));
        mark.setLong(2, r.id());
        mark.setObject(3, utc(r.due()));
        if (mark.executeUpdate() == 0) {
          return false;
        }
      }
      try (PreparedStatement outbox = c.prepareStatement(
          "INSERT INTO reminder_delivery (reminder_id, due_at, fired_at, missed) VALUES (?, ?, ?, ?)")) {
        outbox.setLong(1, r.id());
        outbox.setObject(2, utc(r.due()));
        outbox.setObject(3, utc(clock.instant()));
        outbox.setBoolean(4, missed);
        outbox.executeUpdate();
      }
      beforeCommit.run(r);
      return true;
    });
  }

  /** A delivery from the outbox. */
  public record Delivery(long reminderId, Instant due, Instant firedAt, boolean missed, Instant shownAt) {}

  /** Deliveries recorded but not shown yet (the process stopped in between), oldest first. */
  public List<Delivery> unshown() {
    return jdbc.query("SELECT reminder_id, due_at, fired_at, missed, shown_at FROM reminder_delivery"
        + " WHERE shown_at IS NULL ORDER BY fired_at", ReminderStore::delivery);
  }

  public List<Delivery> deliveries(long reminderId) {
    return jdbc.query("SELECT reminder_id, due_at, fired_at, missed, shown_at FROM reminder_delivery"
        + " WHERE reminder_id = ? ORDER BY due_at", ReminderStore::delivery, reminderId);
  }

  public void markShown(long reminderId, Instant due) {
    jdbc.update("UPDATE reminder_delivery SET shown_at = ? WHERE reminder_id = ? AND due_at = ?",
        utc(clock.instant()), reminderId, utc(due));
  }

  private static Delivery delivery(ResultSet row) throws SQLException {
    OffsetDateTime shown = row.getObject(5, OffsetDateTime.class);
    return new Delivery(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(),
        row.getObject(3, OffsetDateTime.class).toInstant(), row.getBoolean(4),
        shown == null ? null : shown.toInstant());
  }

  private static Reminder map(ResultSet row) throws SQLException {
    OffsetDateTime due = row.getObject("due_at", OffsetDateTime.class);
    return new Reminder(row.getLong("id"), row.getString("uid"), row.getString("text"),
        due == null ? null : due.toInstant(), ZoneId.of(row.getString("zone_id")),
        Reminder.Status.valueOf(row.getString("status")), row.getString("ics"),
        row.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime utcOrNull(Instant instant) {
    return instant == null ? null : utc(instant);
  }
}
