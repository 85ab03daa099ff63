package dev.tars.actions.agenda;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One time an event happens. Timed: {@code start}/{@code end} instants. All-day: the days at 00:00 UTC, end
 * exclusive (see {@link #startDay()} and {@link #endDay()}).
 */
public record Occurrence(long eventId, String uid, String title, String location, boolean allDay, Instant start,
    Instant end, boolean repeats) {

  public LocalDate startDay() {
    return LocalDate.ofInstant(start, ZoneOffset.UTC);
  }

  /** The day after the last day (as DTEND), for all-day occurrences. */
  public LocalDate endDay() {
    return LocalDate.ofInstant(end, ZoneOffset.UTC);
  }
}
