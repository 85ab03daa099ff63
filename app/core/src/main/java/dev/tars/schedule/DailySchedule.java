package dev.tars.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/** Once a day at a local time, in the zone of the clock it is asked with. */
public record DailySchedule(LocalTime at) {
  public static final DailySchedule TWO_AM = new DailySchedule(LocalTime.of(2, 0));

  public DailySchedule {
    Objects.requireNonNull(at, "at");
  }

  /** The latest time the job was due at or before {@code now}. */
  public Instant latestAtOrBefore(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant todays = ZonedDateTime.of(today, at, zone).toInstant();
    return todays.isAfter(now) ? ZonedDateTime.of(today.minusDays(1), at, zone).toInstant() : todays;
  }

  /** The first time the job is due after {@code now}. */
  public Instant nextAfter(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant todays = ZonedDateTime.of(today, at, zone).toInstant();
    return todays.isAfter(now) ? todays : ZonedDateTime.of(today.plusDays(1), at, zone).toInstant();
  }
}
