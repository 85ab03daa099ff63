package dev.tars.actions.reminders;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A reminder (a VTODO with a due time) or a task without one ({@code due} null, never fires).
 *
 * @param zone the zone the person set it in, so it is shown in their wall-clock time
 * @param ics the VTODO text an import held (written back on export), or null for one made in Tars
 */
public record Reminder(long id, String uid, String text, Instant due, ZoneId zone, Status status, String ics,
    Instant createdAt) {
  public Reminder {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(status, "status");
  }

  /** Where a reminder is in its life. */
  public enum Status {
    /** Waiting for its due time. */
    PENDING,
    /** Delivered (see the outbox); Done or Snooze may follow. */
    FIRED,
    DONE,
    CANCELLED
  }
}
