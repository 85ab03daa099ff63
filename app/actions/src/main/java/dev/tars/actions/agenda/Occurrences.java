package dev.tars.actions.agenda;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Recur;

/**
 * Expands events into the occurrences that overlap a time range. Always bounded: a rule is only walked inside
 * the range (an RRULE without end is fine), and at most {@code limit} occurrences come out of one event.
 * ical4j gives up on a rule that yields nothing after a fixed number of steps, so an impossible rule
 * ("February 30th") does not spin either.
 */
public final class Occurrences {
  /** Walking a rule further than this past its start is never needed (and keeps date arithmetic in range). */
  private static final long MAX_YEARS = 1000;

  private Occurrences() {}

  /**
   * The occurrences of {@code event} that overlap {@code [from, to)}, at most {@code limit}, in time order.
   * EXDATEs are left out and RDATEs added; {@code replaced} holds the {@link AgendaEvent#recurrenceId()} keys of
   * occurrences a separate RECURRENCE-ID event replaces.
   */
  public static List<Occurrence> of(AgendaEvent event, Instant from, Instant to, int limit, Set<String> replaced) {
    Duration length = event.duration();
    TreeSet<Instant> starts = new TreeSet<>();
    // An occurrence that started before the range but still runs into it counts.
    Instant searchFrom = from.minus(length);
    if (event.rrule() == null) {
      starts.add(event.start());
    } else {
      EventReader.When seed = new EventReader.When(event.start(), event.zone(), event.tzid(), event.allDay());
      starts.addAll(ruleDates(event.rrule(), seed, searchFrom, to, limit));
      if (!event.start().isBefore(searchFrom) && event.start().isBefore(to)) {
        starts.add(event.start());
      }
    }
    starts.addAll(event.rdates());
    event.exdates().forEach(starts::remove);
    Set<String> skip = replaced == null ? Set.of() : replaced;
    List<Occurrence> result = new ArrayList<>();
    for (Instant start : starts) {
      Instant end = event.allDay() ? start.plus(length.toDays(), ChronoUnit.DAYS) : wallClockEnd(event, start);
      boolean overlaps = start.equals(end) ? !start.isBefore(from) && start.isBefore(to)
          : start.isBefore(to) && end.isAfter(from);
      if (!overlaps || skip.contains(key(event, start))) {
        continue;
      }
      result.add(new Occurrence(event.id(), event.uid(), event.title(), event.location(), event.allDay(), start, end,
          event.repeats()));
      if (result.size() >= limit) {
        break;
      }
    }
    return result;
  }

  /** The key a RECURRENCE-ID event uses for the occurrence of {@code event} starting at {@code start}. */
  static String key(AgendaEvent event, Instant start) {
    return event.allDay() ? LocalDate.ofInstant(start, ZoneOffset.UTC).toString() : start.toString();
  }

  /** A timed occurrence keeps the first one's length on the wall clock (a 1 h meeting stays 1 h across DST). */
  private static Instant wallClockEnd(AgendaEvent event, Instant start) {
    return start.atZone(event.zone()).plus(event.duration()).toInstant();
  }

  /**
   * ical4j walks a rule from its first occurrence, about a tenth of a millisecond a step: a daily rule that began
   * a century before the range, or a rule by the minute that began a year before, would take seconds. A rule
   * without COUNT (which counts from the start) is moved forward by whole intervals to just before the range,
   * which gives the same occurrences: the same wall-clock time, weekday and day of the month. Monthly and yearly
   * rules move only when the first day is the 28th or earlier (month lengths would shift it otherwise).
   */
  @SuppressWarnings("unchecked")
  static <T extends Temporal> T fastForward(Recur<T> recur, T first, T from) {
    ChronoUnit unit = switch (recur.getFrequency()) {
      case SECONDLY -> ChronoUnit.SECONDS;
      case MINUTELY -> ChronoUnit.MINUTES;
      case HOURLY -> ChronoUnit.HOURS;
      case DAILY -> ChronoUnit.DAYS;
      case WEEKLY -> ChronoUnit.WEEKS;
      case MONTHLY -> ChronoUnit.MONTHS;
      case YEARLY -> ChronoUnit.YEARS;
    };
    if (recur.getCount() > 0 || (unit == ChronoUnit.SECONDS && first instanceof LocalDate)) {
      return first;
    }
    if ((unit == ChronoUnit.MONTHS || unit == ChronoUnit.YEARS)
        && LocalDate.from(first).getDayOfMonth() > 28) {
      return first;
    }
    if (first instanceof LocalDate && unit.isTimeBased()) {
      return first;
    }
    long interval = Math.max(1, recur.getInterval());
    long steps = unit.between(first, from) / interval - 1;
    return steps <= 0 ? first : (T) first.plus(steps * interval, unit);
  }

  /** The dates an RRULE gives in {@code [from, to)}, at most {@code limit}. */
  static List<Instant> ruleDates(String rrule, EventReader.When seed, Instant from, Instant to, int limit) {
    Instant cap = seed.instant().atZone(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant();
    Instant end = to.isAfter(cap) ? cap : to;
    if (!end.isAfter(from)) {
      return List.of();
    }
    List<Instant> result = new ArrayList<>();
    if (seed.allDay()) {
      Recur<LocalDate> recur = new Recur<>(rrule);
      LocalDate rangeStart = LocalDate.ofInstant(from, ZoneOffset.UTC);
      LocalDate first = fastForward(recur, LocalDate.ofInstant(seed.instant(), ZoneOffset.UTC), rangeStart);
      for (LocalDate d : recur.getDates(first, rangeStart,
          LocalDate.ofInstant(end, ZoneOffset.UTC).plusDays(1), limit)) {
        result.add(d.atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    } else {
      Recur<ZonedDateTime> recur = new Recur<>(rrule);
      ZonedDateTime first = fastForward(recur, seed.wallClock(), from.atZone(seed.zone()));
      for (Temporal t : recur.getDates(first, from.atZone(seed.zone()), end.atZone(seed.zone()), limit)) {
        result.add(Instant.from(t));
      }
    }
    Set<Instant> unique = new HashSet<>(result);
    return unique.size() == result.size() ? result : new ArrayList<>(new TreeSet<>(unique));
  }
}
