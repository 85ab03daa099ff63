package dev.tars.desktop.agenda;

import dev.tars.actions.agenda.Agenda;
import dev.tars.actions.agenda.Occurrence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The days a view shows and, for each, the occurrences on it (an event over several days is on each of them),
 * in time order with all-day ones first.
 */
public record AgendaPage(AgendaViewModel.Mode mode, LocalDate anchor, LocalDate from, LocalDate to,
    Map<LocalDate, List<Occurrence>> byDay, int total, boolean truncated) {

  static AgendaPage of(AgendaViewModel.Mode mode, LocalDate anchor, LocalDate from, LocalDate to,
      Agenda.OccurrenceList list, ZoneId zone) {
    Map<LocalDate, List<Occurrence>> byDay = new HashMap<>();
    for (Occurrence o : list.occurrences()) {
      LocalDate first = o.allDay() ? o.startDay() : LocalDate.ofInstant(o.start(), zone);
      LocalDate last = o.allDay() ? o.endDay().minusDays(1) : lastDay(o.start(), o.end(), zone);
      LocalDate day = first.isBefore(from) ? from : first;
      for (; !day.isAfter(last) && !day.isAfter(to); day = day.plusDays(1)) {
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(o);
      }
    }
    byDay.values().forEach(day -> day.sort((a, b) -> a.allDay() != b.allDay() ? (a.allDay() ? -1 : 1) : 0));
    return new AgendaPage(mode, anchor, from, to, byDay, list.occurrences().size(), list.truncated());
  }

  /** A timed event ending at midnight does not run into the next day. */
  private static LocalDate lastDay(Instant start, Instant end, ZoneId zone) {
    Instant lastMoment = end.isAfter(start) ? end.minusNanos(1) : start;
    return LocalDate.ofInstant(lastMoment, zone);
  }

  public List<Occurrence> on(LocalDate day) {
    return byDay.getOrDefault(day, List.of());
  }
}
