package dev.tars.actions.agenda;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.FoldingWriter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistryImpl;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Trigger;
import net.fortuna.ical4j.model.property.Uid;

/** Builds VEVENT text for events made in Tars, and writes whole calendars for export. */
final class IcsWriter {
  static final String PRODID = "-//Tars//Tars agenda//EN";

  private IcsWriter() {}

  /** A new VEVENT for {@code draft}. */
  static VEvent newEvent(EventDraft draft) {
    VEvent event = new VEvent(false);
    event.add(new Uid(UUID.randomUUID() + "@tars"));
    event.add(new net.fortuna.ical4j.model.property.DtStamp(java.time.Instant.now()));
    apply(event, draft);
    return event;
  }

  /**
   * Writes {@code draft}'s fields onto {@code event}, keeping everything else it holds (X- properties,
   * organizer, attendees, exceptions) so an edit of an imported event loses nothing.
   */
  static void apply(VEvent event, EventDraft draft) {
    event.removeAll(Property.DTSTART, Property.DTEND, Property.DURATION, Property.SUMMARY, Property.LOCATION,
        Property.DESCRIPTION, Property.RRULE);
    event.add(new DtStart<>(temporal(draft.start(), draft)));
    event.add(new DtEnd<>(temporal(draft.end(), draft)));
    event.add(new Summary(draft.title()));
    if (!draft.location().isEmpty()) {
      event.add(new Location(draft.location()));
    }
    if (!draft.notes().isEmpty()) {
      event.add(new Description(draft.notes()));
    }
    if (draft.repeat() != null) {
      event.add(new RRule<>(draft.repeat()));
    }
    applyAlerts(event, draft);
  }

  /**
   * Makes the event's alerts those of the draft: an alarm already there for one of the draft's times is kept as
   * it is (an imported e-mail or sound alarm stays one), other relative alarms go, missing ones are added.
   */
  private static void applyAlerts(VEvent event, EventDraft draft) {
    var alarms = new java.util.ArrayList<net.fortuna.ical4j.model.Component>();
    var missing = new java.util.ArrayList<>(draft.alertMinutes());
    for (net.fortuna.ical4j.model.Component c : event.getComponentList().getAll()) {
      var minutes = c instanceof VAlarm alarm ? SeriesDrafts.minutesBefore(alarm) : java.util.Optional.<Integer>empty();
      if (minutes.isEmpty() || missing.remove(minutes.get())) {
        alarms.add(c);
      }
    }
    for (int minutes : missing) {
      VAlarm alarm = new VAlarm(java.time.Duration.ofMinutes(-minutes));
      alarm.add(new Action("DISPLAY"));
      alarm.add(new Description(draft.title()));
      alarms.add(alarm);
    }
    event.setComponentList(new net.fortuna.ical4j.model.ComponentList<>(alarms));
  }

  /**
   * A changed occurrence of {@code series}: the draft's fields under the series' UID, with a RECURRENCE-ID naming
   * the occurrence that starts at {@code occurrenceStart} (in the series' zone, or its day for all-day events).
   */
  static VEvent changedOccurrence(AgendaEvent series, java.time.Instant occurrenceStart, EventDraft draft) {
    VEvent event = new VEvent(false);
    event.add(new Uid(series.uid()));
    event.add(new net.fortuna.ical4j.model.property.DtStamp(java.time.Instant.now()));
    event.add(series.allDay()
        ? new net.fortuna.ical4j.model.property.RecurrenceId<>(
            java.time.LocalDate.ofInstant(occurrenceStart, java.time.ZoneOffset.UTC))
        : new net.fortuna.ical4j.model.property.RecurrenceId<>(occurrenceStart.atZone(series.zone())));
    apply(event, new EventDraft(draft.title(), draft.start(), draft.end(), draft.allDay(), draft.zone(),
        draft.location(), draft.notes(), null, draft.alertMinutes()));
    return event;
  }

  private static Temporal temporal(LocalDateTime value, EventDraft draft) {
    return draft.allDay() ? value.toLocalDate() : ZonedDateTime.of(value, draft.zone());
  }

  /** Parses one stored VEVENT back (with the VTIMEZONE its TZID needs, if it was imported). */
  static VEvent parse(AgendaEvent event, String vtimezone) {
    String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + PRODID + "\r\n" + (vtimezone == null ? "" : vtimezone)
        + event.ics() + "END:VCALENDAR\r\n";
    try {
      Calendar calendar = new CalendarBuilder().build(new StringReader(text));
      for (net.fortuna.ical4j.model.component.CalendarComponent c : calendar.getComponents()) {
        if (c instanceof VEvent found) {
          return found;
        }
      }
      throw new IllegalStateException("Stored event " + event.id() + " holds no VEVENT");
    } catch (IOException | ParserException e) {
      throw new IllegalStateException("Stored event " + event.id() + " cannot be read back", e);
    }
  }

  /** A VTIMEZONE for an IANA zone, from ical4j's bundled zone data; null if it has none. */
  static String vtimezone(ZoneId zone) {
    TimeZone tz = new TimeZoneRegistryImpl().getTimeZone(zone.getId());
    return tz == null ? null : tz.getVTimeZone().toString();
  }

  /** Writes a VCALENDAR with {@code components} (each a complete iCalendar component text), folding lines. */
  static void write(Writer out, List<String> timezones, List<String> components) throws IOException {
    try (FoldingWriter folded = new FoldingWriter(out)) {
      folded.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + PRODID + "\r\n");
      for (String tz : timezones) {
        folded.write(crlf(tz));
      }
      for (String c : components) {
        folded.write(crlf(c));
      }
      folded.write("END:VCALENDAR\r\n");
    }
  }

  private static String crlf(String text) {
    String normalized = text.replace("\r\n", "\n").replace("\n", "\r\n");
    return normalized.endsWith("\r\n") ? normalized : normalized + "\r\n";
  }
}
