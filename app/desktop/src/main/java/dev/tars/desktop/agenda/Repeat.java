package dev.tars.desktop.agenda;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the event form offers for repeating, and its iCalendar RRULE both ways: daily, weekly on chosen days,
 * monthly, yearly; until a day or a number of times. A rule the form cannot show (an interval, BYMONTHDAY, ...)
 * is {@link Frequency#CUSTOM} and is kept exactly as it was.
 *
 * @param until the last day it may happen, or null; {@code count} the number of times, or 0; never both
 */
public record Repeat(Frequency frequency, Set<DayOfWeek> days, LocalDate until, int count, String customRule) {
  public enum Frequency { NONE, DAILY, WEEKLY, MONTHLY, YEARLY, CUSTOM }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  public Repeat {
    days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    count = Math.max(0, count);
  }

  public static final Repeat NONE = new Repeat(Frequency.NONE, Set.of(), null, 0, null);

  /**
   * The RRULE value, or null for no repeat. {@code until} is written as iCalendar wants it: a day for all-day
   * events, else the end of that day in {@code zone} as UTC.
   */
  public String toRule(boolean allDay, ZoneId zone) {
    if (frequency == Frequency.NONE) {
      return null;
    }
    if (frequency == Frequency.CUSTOM) {
      return customRule;
    }
    StringBuilder rule = new StringBuilder("FREQ=").append(frequency.name());
    if (frequency == Frequency.WEEKLY && !days.isEmpty()) {
      rule.append(";BYDAY=").append(EnumSet.copyOf(days).stream().map(Repeat::code).collect(Collectors.joining(",")));
    }
    if (count > 0) {
      rule.append(";COUNT=").append(count);
    } else if (until != null) {
      rule.append(";UNTIL=").append(allDay ? DAY.format(until)
          : UTC_TIME.format(until.plusDays(1).atStartOfDay(zone).minusSeconds(1).withZoneSameInstant(ZoneOffset.UTC)));
    }
    return rule.toString();
  }

  /** The form's view of {@code rule} (null = no repeat), read in the event's {@code zone}. */
  public static Repeat of(String rule, ZoneId zone) {
    if (rule == null || rule.isBlank()) {
      return NONE;
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : rule.split(";")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parts.put(part.substring(0, equals).strip().toUpperCase(Locale.ROOT), part.substring(equals + 1).strip());
      }
    }
    Frequency frequency;
    try {
      frequency = Frequency.valueOf(parts.getOrDefault("FREQ", ""));
    } catch (IllegalArgumentException e) {
      return custom(rule);
    }
    if (frequency == Frequency.NONE || frequency == Frequency.CUSTOM
        || !Set.of("FREQ", "BYDAY", "COUNT", "UNTIL", "INTERVAL", "WKST").containsAll(parts.keySet())
        || !parts.getOrDefault("INTERVAL", "1").equals("1")
        || (parts.containsKey("BYDAY") && frequency != Frequency.WEEKLY)) {
      return custom(rule);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String code : parts.getOrDefault("BYDAY", "").split(",")) {
      if (code.isBlank()) {
        continue;
      }
      DayOfWeek day = day(code.strip());
      if (day == null) {
        return custom(rule);
      }
      days.add(day);
    }
    try {
      int count = parts.containsKey("COUNT") ? Integer.parseInt(parts.get("COUNT")) : 0;
      return new Repeat(frequency, days, parts.containsKey("UNTIL") ? untilDay(parts.get("UNTIL"), zone) : null,
          count, null);
    } catch (RuntimeException e) {
      return custom(rule);
    }
  }

  private static Repeat custom(String rule) {
    return new Repeat(Frequency.CUSTOM, Set.of(), null, 0, rule);
  }

  private static LocalDate untilDay(String value, ZoneId zone) {
    LocalDate day = LocalDate.parse(value.substring(0, 8), DAY);
    if (value.endsWith("Z") && value.length() >= 16) {
      return java.time.LocalDateTime.parse(value.substring(0, 15), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss",
          Locale.ROOT)).atOffset(ZoneOffset.UTC).atZoneSameInstant(zone == null ? ZoneOffset.UTC : zone).toLocalDate();
    }
    return day;
  }

  static String code(DayOfWeek day) {
    return day.name().substring(0, 2);
  }

  private static DayOfWeek day(String code) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (code(d).equals(code.toUpperCase(Locale.ROOT))) {
        return d;
      }
    }
    return null;
  }
}
