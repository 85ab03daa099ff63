package dev.tars.actions.router;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;

/**
 * What the time expressions of one utterance said, before it is resolved against the clock: a day, a clock
 * time (perhaps with am/pm or a part of the day), an end time, an offset from now, or a span of days. The
 * rules of the issue live in the resolve methods: a time with no day is today, or tomorrow when it has
 * passed; a bare hour with no day is its next occurrence; with a day, 7 to 11 is morning and 1 to 6 afternoon.
 */
final class TimeFacts {
  enum Meridiem { AM, PM }

  enum PartOfDay {
    MORNING(9), AFTERNOON(15), EVENING(19), NIGHT(21);

    final int defaultHour;

    PartOfDay(int defaultHour) {
      this.defaultHour = defaultHour;
    }
  }

  /** The default time of a reminder set for a day without a time. */
  static final LocalTime DAY_DEFAULT = LocalTime.of(9, 0);

  LocalDate date;
  Integer hour;
  int minute;
  Meridiem meridiem;
  PartOfDay partOfDay;
  Integer endHour;
  int endMinute;
  Meridiem endMeridiem;
  Duration offset;
  LocalDate spanFrom;
  LocalDate spanTo;

  boolean isEmpty() {
    return date == null && hour == null && partOfDay == null && offset == null && spanFrom == null;
  }

  /** A clock hour 1-12 with nothing saying morning or afternoon: "at 3" could be 03:00 or 15:00. */
  boolean clockIsAmbiguous() {
    return hour != null && hour >= 1 && hour <= 12 && meridiem == null && partOfDay == null && endMeridiem == null
        && offset == null;
  }

  boolean hasMoment() {
    return date != null || hour != null || partOfDay != null || offset != null;
  }

  /** The reminder's moment; null when the utterance gave none. */
  LocalDateTime resolveMoment(LocalDateTime now) {
    if (offset != null) {
      LocalDateTime moved = now.plus(offset).withSecond(0).withNano(0);
      return hour == null ? moved : moved.toLocalDate().atTime(clock(true, moved.toLocalDate(), now));
    }
    if (date == null && hour == null && partOfDay == null) {
      return null;
    }
    if (date != null) {
      return date.atTime(hour == null && partOfDay == null ? DAY_DEFAULT : clock(true, date, now));
    }
    LocalDateTime today = now.toLocalDate().atTime(clock(false, null, now));
    return today.isAfter(now) ? today : nextDayAtSameClock(now);
  }

  private LocalDateTime nextDayAtSameClock(LocalDateTime now) {
    LocalDate tomorrow = now.toLocalDate().plusDays(1);
    if (hour != null && meridiem == null && partOfDay == null && hour >= 1 && hour <= 12) {
      return tomorrow.atTime(LocalTime.of(hour, minute));
    }
    return tomorrow.atTime(clock(true, tomorrow, now));
  }

  /** An event's start: a day alone stays a day ({@code YYYY-MM-DD}); null without any day or time. */
  String resolveStart(LocalDateTime now) {
    if (date != null && hour == null && partOfDay == null && offset == null) {
      return date.toString();
    }
    LocalDateTime moment = resolveMoment(now);
    return moment == null ? null : Slots.format(moment);
  }

  /** An event's end, when a range was given. */
  String resolveEnd(LocalDateTime now) {
    if (endHour == null) {
      return null;
    }
    LocalDateTime start = resolveMoment(now);
    if (start == null) {
      return null;
    }
    LocalTime end = endClock(start.toLocalTime());
    LocalDateTime endAt = start.toLocalDate().atTime(end);
    return Slots.format(endAt.isBefore(start) ? endAt.plusDays(1) : endAt);
  }

  /** The days an agenda question covers: a span, one day, or today. */
  LocalDate[] resolveDays(LocalDateTime now) {
    if (spanFrom != null) {
      return new LocalDate[] {spanFrom, spanTo};
    }
    LocalDateTime moment = date != null ? null : offset != null ? now.plus(offset) : null;
    LocalDate day = date != null ? date : moment != null ? moment.toLocalDate() : now.toLocalDate();
    return new LocalDate[] {day, day};
  }

  /**
   * The clock time. {@code withDay}: a day was named, so a bare hour reads as daytime (7-11 morning,
   * 12 noon, 1-6 afternoon); without a day a bare hour is its next occurrence after now.
   */
  private LocalTime clock(boolean withDay, LocalDate day, LocalDateTime now) {
    if (hour == null) {
      return LocalTime.of(partOfDay.defaultHour, 0);
    }
    int h = hour;
    if (meridiem == Meridiem.PM || (meridiem == null && endMeridiem == Meridiem.PM && startTakesPm())) {
      h = h < 12 ? h + 12 : h;
    } else if (meridiem == Meridiem.AM) {
      h = h == 12 ? 0 : h;
    } else if (partOfDay != null && h <= 12) {
      h = switch (partOfDay) {
        case MORNING -> h == 12 ? 0 : h;
        case AFTERNOON, EVENING -> h < 12 ? h + 12 : h;
        case NIGHT -> h == 12 ? 0 : h < 5 ? h : h + 12;
      };
    } else if (h >= 1 && h <= 12) {
      if (withDay) {
        h = h <= 6 ? h + 12 : h;
      } else {
        // No day: the next time the clock shows this hour (9 at 10:00 is 21:00); noon for 12.
        LocalTime current = now.toLocalTime();
        LocalTime first = LocalTime.of(h == 12 ? 12 : h, minute);
        LocalTime second = h == 12 ? first : first.plusHours(12);
        return first.isAfter(current) || !second.isAfter(current) ? first : second;
      }
    }
    return LocalTime.of(h % 24, minute);
  }

  /** "from 6 to 7pm": the start takes the end's pm when it then still comes first. */
  private boolean startTakesPm() {
    return hour != null && endHour != null && hour < 12 && hour + 12 <= (endHour % 12) + 12;
  }

  private LocalTime endClock(LocalTime start) {
    int h = endHour;
    if (endMeridiem == Meridiem.PM && h < 12) {
      h += 12;
    } else if (endMeridiem == Meridiem.AM && h == 12) {
      h = 0;
    } else if (endMeridiem == null) {
      if (partOfDay != null && partOfDay != PartOfDay.MORNING && h < 12) {
        h += 12;
      } else if (h < start.getHour() && h + 12 < 24 && h + 12 >= start.getHour()) {
        h += 12;
      }
    }
    return LocalTime.of(h % 24, endMinute);
  }

  static LocalDate nextWeekday(LocalDate today, DayOfWeek day) {
    return today.with(TemporalAdjusters.next(day));
  }

  /** A day and month without a year: this year, or next year when it has passed. */
  static LocalDate upcoming(LocalDate today, int month, int day, Integer year) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    int y = year != null ? (year < 100 ? 2000 + year : year) : today.getYear();
    LocalDate candidate;
    try {
      candidate = LocalDate.of(y, month, day);
    } catch (java.time.DateTimeException e) {
      return null;
    }
    return year == null && candidate.isBefore(today) ? candidate.plusYears(1) : candidate;
  }

  /** A day of this month, or of next month when it has passed. */
  static LocalDate dayOfMonth(LocalDate today, int day) {
    if (day < 1 || day > 31) {
      return null;
    }
    LocalDate month = day < today.getDayOfMonth() ? today.plusMonths(1).withDayOfMonth(1) : today.withDayOfMonth(1);
    return day > month.lengthOfMonth() ? null : month.withDayOfMonth(day);
  }
}
