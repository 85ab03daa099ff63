package dev.tars.actions.agenda;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TemporalAmountAdapter;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RDate;

/**
 * Reads the fields Tars queries on from a VEVENT (or a VTODO's due time). Date-times with a TZID keep their
 * wall-clock time in the zone {@link TimeZones} resolves; UTC values stay UTC; floating values (no zone) are
 * taken in the person's zone.
 */
final class EventReader {
  /** More occurrences than this in a COUNT rule: treated as a rule without end when finding the series' end. */
  private static final int COUNT_LIMIT = 100_000;

  private final TimeZones zones;
  private final ZoneId personZone;

  EventReader(TimeZones zones, ZoneId personZone) {
    this.zones = zones;
    this.personZone = personZone;
  }

  /** A date or date-time read from a property: all-day when {@code zone} is null. */
  record When(Instant instant, ZoneId zone, String tzid, boolean allDay) {
    ZonedDateTime wallClock() {
      return instant.atZone(zone);
    }
  }

  AgendaEvent read(Component event, String uid, String ics) {
    DateProperty<?> dtStart = this.<DateProperty<?>>property(event, Property.DTSTART)
        .orElseThrow(() -> new IllegalArgumentException("no DTSTART"));
    When start = when(dtStart);
    Instant end = end(event, start);
    String title = text(event, Property.SUMMARY);
    String location = text(event, Property.LOCATION);
    String rrule = this.<Property>property(event, Property.RRULE).map(Property::getValue).orElse(null);
    List<Instant> rdates = dates(event, Property.RDATE);
    List<Instant> exdates = dates(event, Property.EXDATE);
    String recurrenceId = this.<DateProperty<?>>property(event, Property.RECURRENCE_ID)
        .map(p -> key(when(p))).orElse("");
    Instant seriesEnd = seriesEnd(start, end, rrule, rdates);
    return new AgendaEvent(0, uid, recurrenceId, title, location, start.allDay(), start.instant(), end,
        start.allDay() ? null : start.zone(), start.tzid(), rrule, rdates, exdates, seriesEnd, ics);
  }

  /** How an occurrence is named in RECURRENCE-ID matching: the instant, or the day for all-day events. */
  static String key(When when) {
    return when.allDay() ? LocalDate.ofInstant(when.instant(), ZoneOffset.UTC).toString() : when.instant().toString();
  }

  When when(DateProperty<?> property) {
    Temporal value = property.getDate();
    Optional<Parameter> tzidParameter = property.getParameter(Parameter.TZID);
    String tzid = tzidParameter.map(Parameter::getValue).orElse(null);
    return switch (value) {
      case LocalDate day -> new When(day.atStartOfDay(ZoneOffset.UTC).toInstant(), null, null, true);
      case ZonedDateTime zoned -> {
        ZoneId zone = tzid == null ? zoned.getZone() : zones.resolve(tzid, zoned.getZone())
            .orElseThrow(() -> new UnknownZoneException(tzid));
        yield new When(zoned.toLocalDateTime().atZone(zone).toInstant(), zone, tzid, false);
      }
      case OffsetDateTime offset -> new When(offset.toInstant(), ZoneOffset.UTC, null, false);
      case Instant instant -> new When(instant, ZoneOffset.UTC, null, false);
      case LocalDateTime floating -> new When(floating.atZone(personZone).toInstant(), personZone, null, false);
      default -> throw new IllegalArgumentException("unsupported date value " + value);
    };
  }

  private Instant end(Component event, When start) {
    Optional<DateProperty<?>> dtEnd = property(event, Property.DTEND);
    if (dtEnd.isEmpty()) {
      dtEnd = property(event, Property.DUE);
    }
    if (dtEnd.isPresent()) {
      Instant end = when(dtEnd.get()).instant();
      return end.isBefore(start.instant()) ? start.instant() : end;
    }
    Optional<Property> duration = property(event, Property.DURATION);
    if (duration.isPresent()) {
      var amount = TemporalAmountAdapter.parse(duration.get().getValue()).getDuration();
      return start.allDay() ? start.instant().atZone(ZoneOffset.UTC).plus(amount).toInstant()
          : start.wallClock().plus(amount).toInstant();
    }
    // RFC 5545 3.6.1: a DATE start without end lasts one day; a DATE-TIME start without end has no length.
    return start.allDay() ? start.instant().plus(Duration.ofDays(1)) : start.instant();
  }

  private List<Instant> dates(Component event, String name) {
    List<Instant> result = new ArrayList<>();
    for (Property p : event.getPropertyList().get(name)) {
      if (p instanceof RDate<?> rdate && rdate.getPeriods().isPresent()) {
        rdate.getPeriods().get().forEach(period -> result.add(instantOf(period.getStart(), p)));
      } else if (p instanceof DateListProperty<?> list) {
        for (Temporal t : list.getDates()) {
          result.add(instantOf(t, p));
        }
      }
    }
    return result;
  }

  private Instant instantOf(Temporal value, Property property) {
    String tzid = property.getParameter(Parameter.TZID).map(Parameter::getValue).orElse(null);
    return switch (value) {
      case LocalDate day -> day.atStartOfDay(ZoneOffset.UTC).toInstant();
      case ZonedDateTime zoned -> tzid == null ? zoned.toInstant()
          : zoned.toLocalDateTime().atZone(zones.resolve(tzid, zoned.getZone())
              .orElseThrow(() -> new UnknownZoneException(tzid))).toInstant();
      case OffsetDateTime offset -> offset.toInstant();
      case Instant instant -> instant;
      case LocalDateTime floating -> floating.atZone(personZone).toInstant();
      default -> throw new IllegalArgumentException("unsupported date value " + value);
    };
  }

  /** When the series' last occurrence ends, or null when the rule has no end. */
  private static Instant seriesEnd(When start, Instant end, String rrule, List<Instant> rdates) {
    Duration length = Duration.between(start.instant(), end);
    Instant last = end;
    for (Instant r : rdates) {
      last = later(last, r.plus(length));
    }
    if (rrule == null) {
      return last;
    }
    Recur<Temporal> recur = new Recur<>(rrule);
    if (recur.getUntil() != null) {
      Temporal until = recur.getUntil();
      Instant untilInstant = switch (until) {
        case LocalDate day -> day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        case LocalDateTime floating -> floating.atZone(start.allDay() ? ZoneOffset.UTC : start.zone()).toInstant();
        default -> Instant.from(until);
      };
      return later(last, untilInstant.plus(length));
    }
    if (recur.getCount() > 0 && !rrule.toUpperCase(java.util.Locale.ROOT).contains("BY")) {
      // Without BY parts every step is an occurrence: the last one is COUNT - 1 intervals on (no walk needed).
      long steps = (long) (recur.getCount() - 1) * Math.max(1, recur.getInterval());
      java.time.temporal.ChronoUnit unit = switch (recur.getFrequency()) {
        case SECONDLY -> java.time.temporal.ChronoUnit.SECONDS;
        case MINUTELY -> java.time.temporal.ChronoUnit.MINUTES;
        case HOURLY -> java.time.temporal.ChronoUnit.HOURS;
        case DAILY -> java.time.temporal.ChronoUnit.DAYS;
        case WEEKLY -> java.time.temporal.ChronoUnit.WEEKS;
        case MONTHLY -> java.time.temporal.ChronoUnit.MONTHS;
        case YEARLY -> java.time.temporal.ChronoUnit.YEARS;
      };
      ZonedDateTime first = start.allDay() ? start.instant().atZone(ZoneOffset.UTC) : start.wallClock();
      // A 31st skips the months without one (at most every other month); 29 February repeats every 4 to 8 years.
      long extra = unit == java.time.temporal.ChronoUnit.MONTHS ? steps
          : unit == java.time.temporal.ChronoUnit.YEARS ? 7 * steps : 0;
      return later(last, first.plus(steps + extra, unit).toInstant().plus(length));
    }
    if (recur.getCount() > 0 && recur.getCount() <= COUNT_LIMIT) {
      List<Instant> all = Occurrences.ruleDates(rrule, start, start.instant(), Instant.MAX,
          recur.getCount());
      for (Instant occurrence : all) {
        last = later(last, occurrence.plus(length));
      }
      return last;
    }
    return null;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String text(Component c, String name) {
    return c.<Property>getProperty(name).map(Property::getValue).orElse("");
  }

  @SuppressWarnings("unchecked")
  private <T extends Property> Optional<T> property(Component c, String name) {
    return (Optional<T>) c.getProperty(name);
  }

  /** A TZID that is neither an IANA zone nor defined by a VTIMEZONE Tars can read. */
  static final class UnknownZoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String tzid;

    UnknownZoneException(String tzid) {
      super("Unknown time zone " + tzid);
      this.tzid = tzid;
    }
  }
}
