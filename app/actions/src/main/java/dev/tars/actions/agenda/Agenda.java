package dev.tars.actions.agenda;

import dev.tars.actions.i18n.ActionException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * The agenda: events stored as iCalendar, their occurrences in a range, {@code .ics} import and export.
 * Changes made here are not logged; people's actions go through {@code ActionService}, which logs them and
 * calls this. Listeners run on the thread that made the change (a UI hops to its own thread).
 */
public final class Agenda {
  /** At most this many occurrences come out of one query (a month of 10,000 daily events is 300,000). */
  public static final int MAX_OCCURRENCES = 100_000;

  private final EventStore store;
  private final ZoneId personZone;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public Agenda(DataSource dataSource, Clock clock, ZoneId personZone) {
    this.store = new EventStore(dataSource, clock);
    this.personZone = personZone;
  }

  public ZoneId personZone() {
    return personZone;
  }

  public AgendaEvent create(EventDraft draft) {
    VEvent event = IcsWriter.newEvent(draft);
    AgendaEvent stored = store.putAll(List.of(read(event)), Map.of(), false).stored().get(0);
    changed();
    return stored;
  }

  /** Changes the fields of {@code draft} and keeps everything else the event held. */
  public AgendaEvent update(long id, EventDraft draft) {
    AgendaEvent old = find(id).orElseThrow(() -> new ActionException("action.eventNotFound", id));
    VEvent event = IcsWriter.parse(old, old.tzid() == null ? null : store.timezones().get(old.tzid()));
    IcsWriter.apply(event, draft);
    AgendaEvent updated = read(event).withId(id);
    store.update(updated);
    changed();
    return updated;
  }

  /** Which occurrences of a repeating event a deletion removes. */
  public enum Scope { ONLY_THIS, THIS_AND_FOLLOWING, ALL }

  /**
   * Removes occurrences of a repeating event: {@code ONLY_THIS} adds an EXDATE for the occurrence starting at
   * {@code occurrenceStart}, {@code THIS_AND_FOLLOWING} ends the rule just before it (RRULE UNTIL), {@code ALL}
   * deletes the event. Everything else the event holds is kept.
   *
   * @return the event as it is now, or empty when it was deleted
   */
  public Optional<AgendaEvent> deleteOccurrences(long id, Instant occurrenceStart, Scope scope) {
    AgendaEvent old = find(id).orElseThrow(() -> new ActionException("action.eventNotFound", id));
    if (!old.recurrenceId().isEmpty()) {
      // A changed occurrence: without it the series would show the original again, so the series skips it.
      store.deleteAll(List.of(id));
      store.findSeries(old.uid()).ifPresent(series -> deleteOccurrences(series.id(),
          Instant.parse(old.allDay() ? old.recurrenceId() + "T00:00:00Z" : old.recurrenceId()), Scope.ONLY_THIS));
      changed();
      return Optional.empty();
    }
    if (!old.repeats() || scope == Scope.ALL
        || (scope == Scope.THIS_AND_FOLLOWING && !occurrenceStart.isAfter(old.start()))) {
      delete(id);
      return Optional.empty();
    }
    VEvent event = IcsWriter.parse(old, old.tzid() == null ? null : store.timezones().get(old.tzid()));
    java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter
        .ofPattern(old.allDay() ? "yyyyMMdd" : "yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT)
        .withZone(java.time.ZoneOffset.UTC);
    if (scope == Scope.ONLY_THIS) {
      // UTC (or a DATE) whatever the event's TZID: valid iCalendar, and needs no VTIMEZONE of its own.
      net.fortuna.ical4j.model.ParameterList parameters = new net.fortuna.ical4j.model.ParameterList(
          old.allDay() ? List.of(net.fortuna.ical4j.model.parameter.Value.DATE) : List.of());
      event.add(new net.fortuna.ical4j.model.property.ExDate<>(parameters, utc.format(occurrenceStart)));
    } else {
      String rule = old.rrule() == null ? "" : old.rrule().replaceAll("(?i)(^|;)(COUNT|UNTIL)=[^;]*", "");
      Instant until = old.allDay() ? occurrenceStart.minus(java.time.Duration.ofDays(1))
          : occurrenceStart.minusSeconds(1);
      event.removeAll(net.fortuna.ical4j.model.Property.RRULE);
      if (!rule.isBlank()) {
        event.add(new net.fortuna.ical4j.model.property.RRule<>(rule.replaceFirst("^;", "") + ";UNTIL="
            + utc.format(until)));
      }
      event.removeIf(p -> p.getName().equals(net.fortuna.ical4j.model.Property.RDATE));
    }
    AgendaEvent updated = read(event).withId(id);
    store.update(updated);
    changed();
    return Optional.of(updated);
  }

  /** What {@link #editOccurrences} changed: the event edited (or cut short), and the event it made, if any. */
  public record SeriesEdit(AgendaEvent changed, AgendaEvent created) {}

  /**
   * Edits occurrences of a repeating event: {@code ONLY_THIS} stores a changed occurrence (same UID with a
   * RECURRENCE-ID), {@code THIS_AND_FOLLOWING} ends the rule before this occurrence and starts a new event with
   * {@code draft} from it, {@code ALL} edits the whole series (moved by as many days as this occurrence was).
   * An event that does not repeat, or a changed occurrence already stored, is simply edited.
   */
  public SeriesEdit editOccurrences(long id, Instant occurrenceStart, EventDraft draft, Scope scope) {
    AgendaEvent old = find(id).orElseThrow(() -> new ActionException("action.eventNotFound", id));
    if (!old.repeats() || !old.recurrenceId().isEmpty()) {
      return new SeriesEdit(update(id, draft), null);
    }
    if (scope == Scope.ALL || (scope == Scope.THIS_AND_FOLLOWING && !occurrenceStart.isAfter(old.start()))) {
      return new SeriesEdit(update(id, SeriesDrafts.wholeSeries(old, occurrenceStart, draft, personZone)), null);
    }
    if (scope == Scope.ONLY_THIS) {
      VEvent changed = IcsWriter.changedOccurrence(old, occurrenceStart, draft);
      AgendaEvent created = store.putAll(List.of(read(changed)), Map.of(), false).stored().get(0);
      changed();
      return new SeriesEdit(null, created);
    }
    AgendaEvent cut = deleteOccurrences(id, occurrenceStart, Scope.THIS_AND_FOLLOWING).orElseThrow();
    return new SeriesEdit(cut, create(draft));
  }

  /**
   * The stored event as a draft (its zone's wall-clock times, notes, repeat rule, alerts in minutes before the
   * start): what the event dialog edits. All-day events get the person's zone.
   */
  public EventDraft draftOf(long id) {
    AgendaEvent event = find(id).orElseThrow(() -> new ActionException("action.eventNotFound", id));
    return SeriesDrafts.draftOf(event, IcsWriter.parse(event,
        event.tzid() == null ? null : store.timezones().get(event.tzid())), personZone);
  }

  public Optional<AgendaEvent> find(long id) {
    return store.find(id);
  }

  public boolean delete(long id) {
    boolean deleted = store.deleteAll(List.of(id)) > 0;
    changed();
    return deleted;
  }

  /** Puts events back exactly as they were, same ids (undo of a delete or of an import that replaced them). */
  public void restore(List<AgendaEvent> events) {
    store.putAll(events, Map.of(), true);
    changed();
  }

  /** Deletes events by id (undo of a create or an import). */
  public int deleteAll(List<Long> ids) {
    int deleted = store.deleteAll(ids);
    changed();
    return deleted;
  }

  /** Reads and checks an {@code .ics} file without storing anything (an import's preview). */
  public CalendarFile read(Path file) {
    return new IcsReader(personZone).read(file);
  }

  /** What {@link #store(CalendarFile)} did, for the activity log and undo. */
  public record Imported(List<AgendaEvent> stored, List<AgendaEvent> replaced) {}

  /** Stores a file's events in one transaction: all or none. Events with a UID already stored replace them. */
  public Imported store(CalendarFile file) {
    EventStore.Put put = store.putAll(file.events(), file.timezones(), false);
    changed();
    return new Imported(put.stored(), put.replaced());
  }

  /**
   * Writes every event (and {@code extraComponents}, e.g. tasks as VTODO text) to {@code file}, with a VTIMEZONE
   * for every zone used. Written to a temporary file first, so a failure leaves no half file.
   *
   * @return the number of events written
   */
  public int export(Path file, List<String> extraComponents) {
    List<AgendaEvent> events = store.all();
    Map<String, String> imported = store.timezones();
    Map<String, String> needed = new LinkedHashMap<>();
    for (AgendaEvent e : events) {
      if (e.tzid() != null && !needed.containsKey(e.tzid())) {
        String tz = imported.containsKey(e.tzid()) ? imported.get(e.tzid()) : IcsWriter.vtimezone(e.zone());
        if (tz != null) {
          needed.put(e.tzid(), tz);
        }
      }
    }
    List<String> components = new ArrayList<>(events.size() + extraComponents.size());
    events.forEach(e -> components.add(e.ics()));
    components.addAll(extraComponents);
    Path absolute = file.toAbsolutePath();
    try {
      Path temp = Files.createTempFile(absolute.getParent(), ".tars-export", ".ics");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        IcsWriter.write(out, new ArrayList<>(needed.values()), components);
      }
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ActionException(e, "ics.cannotWrite", file.toString(), String.valueOf(e.getMessage()));
    }
    return events.size();
  }

  /** The occurrences that overlap the days {@code from} to {@code to} (both included) in the person's zone. */
  public OccurrenceList occurrences(LocalDate from, LocalDate to) {
    return occurrences(from.atStartOfDay(personZone).toInstant(), to.plusDays(1).atStartOfDay(personZone).toInstant(),
        from, to.plusDays(1));
  }

  /** The occurrences, time order, and whether {@link #MAX_OCCURRENCES} cut the list short. */
  public record OccurrenceList(List<Occurrence> occurrences, boolean truncated) {}

  private OccurrenceList occurrences(Instant from, Instant to, LocalDate fromDay, LocalDate toDayExclusive) {
    // All-day events are stored at 00:00 UTC: widen the query by a day each side, then compare days exactly.
    List<AgendaEvent> candidates = store.candidates(from.minusSeconds(86_400 * 2), to.plusSeconds(86_400 * 2));
    Map<String, Set<String>> replaced = store.replacedOccurrences();
    Instant dayFrom = fromDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    Instant dayTo = toDayExclusive.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    List<Occurrence> result = new ArrayList<>();
    boolean truncated = false;
    for (AgendaEvent event : candidates) {
      int room = MAX_OCCURRENCES - result.size();
      if (room <= 0) {
        truncated = true;
        break;
      }
      Set<String> skip = event.recurrenceId().isEmpty() ? replaced.get(event.uid()) : null;
      List<Occurrence> found = event.allDay() ? Occurrences.of(event, dayFrom, dayTo, room, skip)
          : Occurrences.of(event, from, to, room, skip);
      result.addAll(found);
    }
    truncated |= result.size() >= MAX_OCCURRENCES;
    result.sort(Comparator.comparing((Occurrence o) -> o.allDay() ? o.startDay().atStartOfDay(personZone).toInstant()
        : o.start()).thenComparing(o -> !o.allDay()).thenComparing(Occurrence::title));
    return new OccurrenceList(result, truncated);
  }

  public int count() {
    return store.count();
  }

  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private AgendaEvent read(VEvent event) {
    String uid = event.getUid().map(u -> u.getValue()).orElseThrow();
    return new EventReader(new TimeZones(), personZone).read(event, uid, event.toString());
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
