package dev.tars.actions.agenda;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What an {@code .ics} file holds, read and checked, before anything is stored.
 *
 * @param timezones VTIMEZONE text by TZID, as the file had them
 * @param calendarName the calendar's own name (X-WR-CALNAME, as Google, Apple and Outlook write it), or empty
 */
public record CalendarFile(String name, List<AgendaEvent> events, List<Task> tasks, Map<String, String> timezones,
    String calendarName) {
  public CalendarFile {
    events = List.copyOf(events);
    tasks = List.copyOf(tasks);
    timezones = Map.copyOf(timezones);
    calendarName = calendarName == null ? "" : calendarName.strip();
  }

  public CalendarFile(String name, List<AgendaEvent> events, List<Task> tasks, Map<String, String> timezones) {
    this(name, events, tasks, timezones, "");
  }

  /** A VTODO: a reminder when it has a due time, a task otherwise ({@code due} null). */
  public record Task(String uid, String text, Instant due, ZoneId zone, boolean done, String ics) {}
}
