package dev.tars.actions.agenda;

import dev.tars.actions.i18n.ActionException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a person asks for when creating or editing an event.
 *
 * @param start wall-clock start in {@code zone}; for all-day events only the date counts
 * @param end wall-clock end; null = one hour after the start (the day after, for all-day events). For all-day
 *     events it is the day after the last day, as DTEND is; an end on the start day means that one day
 * @param repeat an RRULE ({@code FREQ=WEEKLY;BYDAY=MO}) or null for none; see {@link #repeatRule(String)}
 * @param alertMinutes minutes before the start at which to alert (VALARM), none when empty
 */
public record EventDraft(String title, LocalDateTime start, LocalDateTime end, boolean allDay, ZoneId zone,
    String location, String notes, String repeat, List<Integer> alertMinutes) {
  public EventDraft {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    title = title == null ? "" : title.strip();
    if (title.isEmpty()) {
      throw new ActionException("action.empty");
    }
    location = location == null ? "" : location.strip();
    notes = notes == null ? "" : notes;
    repeat = repeatRule(repeat);
    alertMinutes = alertMinutes == null ? List.of() : List.copyOf(alertMinutes);
    if (allDay) {
      LocalDate first = start.toLocalDate();
      LocalDate after = end == null || !end.toLocalDate().isAfter(first) ? first.plusDays(1) : end.toLocalDate();
      start = first.atStartOfDay();
      end = after.atStartOfDay();
    } else if (end == null) {
      end = start.plusHours(1);
    }
    if (end.isBefore(start)) {
      throw new ActionException("action.endBeforeStart", start, end);
    }
  }

  /**
   * The RRULE for what a person typed: {@code daily}, {@code weekly}, {@code monthly}, {@code yearly} (or the
   * Spanish words), or a rule already written in iCalendar ({@code FREQ=...}); null or blank = no repeat.
   */
  public static String repeatRule(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String value = typed.strip();
    if (value.toUpperCase(Locale.ROOT).startsWith("RRULE:")) {
      value = value.substring(6);
    }
    if (value.toUpperCase(Locale.ROOT).contains("FREQ=")) {
      try {
        new net.fortuna.ical4j.model.Recur<LocalDate>(value);
        return value;
      } catch (RuntimeException e) {
        throw new ActionException(e, "action.unknownRepeat", typed);
      }
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "daily", "diaria", "diario", "cada día", "cada dia" -> "FREQ=DAILY";
      case "weekly", "semanal", "cada semana" -> "FREQ=WEEKLY";
      case "monthly", "mensual", "cada mes" -> "FREQ=MONTHLY";
      case "yearly", "annually", "anual", "cada año" -> "FREQ=YEARLY";
      default -> throw new ActionException("action.unknownRepeat", typed);
    };
  }
}
