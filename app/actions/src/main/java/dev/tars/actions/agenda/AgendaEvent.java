package dev.tars.actions.agenda;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * An event as stored: the iCalendar text of its VEVENT ({@link #ics}, the source of truth, written back on
 * export) and the fields derived from it.
 *
 * <p>Timed events: {@code start}/{@code end} are instants and {@code zone} the zone their wall-clock times
 * belong to, so a weekly 09:30 Europe/Madrid event repeats at 09:30 on both sides of a daylight-saving change.
 * All-day events: {@code start}/{@code end} are the first day and the day after the last one at 00:00 UTC
 * (end exclusive, as DTEND is), {@code zone} is null.
 *
 * @param recurrenceId for a changed occurrence of a repeating event, the occurrence it replaces (ISO instant,
 *     or day for all-day events); empty for an ordinary event
 * @param tzid the TZID the file used, if any (what export writes a VTIMEZONE for)
 * @param rrule the RRULE value, or null when the event does not repeat by rule
 * @param seriesEnd when the last occurrence ends; null for a rule without end
 */
public record AgendaEvent(long id, String uid, String recurrenceId, String title, String location, boolean allDay,
    Instant start, Instant end, ZoneId zone, String tzid, String rrule, List<Instant> rdates, List<Instant> exdates,
    Instant seriesEnd, String ics) {
  public AgendaEvent {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(ics, "ics");
    recurrenceId = recurrenceId == null ? "" : recurrenceId;
    location = location == null ? "" : location;
    rdates = List.copyOf(rdates);
    exdates = List.copyOf(exdates);
    if (!allDay) {
      Objects.requireNonNull(zone, "zone of a timed event");
    }
  }

  public boolean repeats() {
    return rrule != null || !rdates.isEmpty();
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /** The first day of an all-day event. */
  public LocalDate startDay() {
    return LocalDate.ofInstant(start, ZoneOffset.UTC);
  }

  AgendaEvent withId(long newId) {
    return new AgendaEvent(newId, uid, recurrenceId, title, location, allDay, start, end, zone, tzid, rrule, rdates,
        exdates, seriesEnd, ics);
  }
}
