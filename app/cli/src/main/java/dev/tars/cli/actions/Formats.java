package dev.tars.cli.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.agenda.Occurrence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

/** How the action commands read and print dates and times. */
final class Formats {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx", Locale.ROOT);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx",
      Locale.ROOT);

  private Formats() {}

  /** ISO-8601 with the UTC offset in {@code zone}: {@code 2026-12-21T09:30+01:00} (seconds only when not 0). */
  static String iso(Instant instant, ZoneId zone) {
    ZonedDateTime t = instant.atZone(zone);
    return (t.getSecond() == 0 && t.getNano() == 0 ? MINUTES : SECONDS).format(t);
  }

  /** A date and time as a person reads it in {@code locale}. */
  static String dateTime(Instant instant, ZoneId zone, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
        .withZone(zone).format(instant).replace(" " + zone.getId(), "");
  }

  static String day(LocalDate day, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(day);
  }

  static String time(Instant instant, ZoneId zone, Locale locale) {
    return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone).format(instant);
  }

  /**
   * A date-time typed on the command line: {@code 2026-12-21T09:30}, {@code 2026-12-21 09:30}, with seconds or
   * an offset; a day alone ({@code 2026-12-21}) is its midnight.
   */
  static LocalDateTime parseDateTime(String text, ZoneId zone) {
    String value = text.strip().replace(' ', 'T');
    try {
      return LocalDateTime.parse(value);
    } catch (DateTimeParseException notLocal) {
      try {
        return java.time.OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDateTime();
      } catch (DateTimeParseException notOffset) {
        return LocalDate.parse(value).atStartOfDay();
      }
    }
  }

  static boolean isDayOnly(String text) {
    return text.strip().length() == 10;
  }

  /** One JSON Lines record of {@code tars agenda list --json}. */
  static String json(Occurrence o, ZoneId zone) {
    ObjectNode line = JSON.createObjectNode();
    line.put("uid", o.uid());
    line.put("title", o.title());
    line.put("start", o.allDay() ? o.startDay().toString() : iso(o.start(), zone));
    line.put("end", o.allDay() ? o.endDay().toString() : iso(o.end(), zone));
    line.put("allDay", o.allDay());
    line.put("location", o.location());
    return line.toString();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
