package dev.tars.actions.agenda;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;

/** Drafts read from stored events, and a draft moved onto a whole series (for the event dialog). */
final class SeriesDrafts {
  private SeriesDrafts() {}

  /** {@code event} (parsed as {@code vevent}) as the draft a form edits. */
  static EventDraft draftOf(AgendaEvent event, VEvent vevent, ZoneId personZone) {
    ZoneId zone = event.allDay() ? personZone : event.zone();
    LocalDateTime start = event.allDay() ? event.startDay().atStartOfDay()
        : LocalDateTime.ofInstant(event.start(), zone);
    LocalDateTime end = event.allDay() ? LocalDate.ofInstant(event.end(), ZoneOffset.UTC).atStartOfDay()
        : LocalDateTime.ofInstant(event.end(), zone);
    String notes = vevent.<Property>getProperty(Property.DESCRIPTION).map(Property::getValue).orElse("");
    return new EventDraft(event.title(), start, end, event.allDay(), zone, event.location(), notes, event.rrule(),
        alertMinutes(vevent));
  }

  /** Minutes before the start of the alarms that trigger relative to it (others are kept, not shown). */
  static List<Integer> alertMinutes(VEvent vevent) {
    List<Integer> minutes = new ArrayList<>();
    for (VAlarm alarm : vevent.getAlarms()) {
      minutesBefore(alarm).ifPresent(minutes::add);
    }
    return minutes;
  }

  /** How many minutes before the start {@code alarm} triggers; empty for absolute or after-the-start triggers. */
  static java.util.Optional<Integer> minutesBefore(VAlarm alarm) {
    return alarm.getTrigger().filter(t -> !t.isAbsolute() && t.getDuration() != null).flatMap(t -> {
      try {
        Duration before = Duration.from(t.getDuration()).negated();
        return before.isNegative() ? java.util.Optional.empty() : java.util.Optional.of((int) before.toMinutes());
      } catch (RuntimeException e) {
        return java.util.Optional.empty(); // months or years: not something the form offers
      }
    });
  }

  /**
   * {@code draft} was made on the occurrence starting at {@code occurrenceStart}; for the whole series the start
   * stays on the series' first day, moved by as many days as the draft moved the occurrence, with the draft's
   * times and length.
   */
  static EventDraft wholeSeries(AgendaEvent series, Instant occurrenceStart, EventDraft draft, ZoneId personZone) {
    ZoneId zone = series.allDay() ? ZoneOffset.UTC : series.zone();
    LocalDate occurrenceDay = LocalDate.ofInstant(occurrenceStart, zone);
    LocalDate firstDay = LocalDate.ofInstant(series.start(), zone);
    long moved = ChronoUnit.DAYS.between(occurrenceDay, draft.start().toLocalDate());
    LocalDateTime start = firstDay.plusDays(moved).atTime(draft.start().toLocalTime());
    LocalDateTime end = start.plus(Duration.between(draft.start(), draft.end()));
    return new EventDraft(draft.title(), start, end, draft.allDay(), draft.zone(), draft.location(), draft.notes(),
        draft.repeat(), draft.alertMinutes());
  }
}
