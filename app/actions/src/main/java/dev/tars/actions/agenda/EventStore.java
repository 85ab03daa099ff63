package dev.tars.actions.agenda;

import dev.tars.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Events and imported VTIMEZONEs in H2. Thread-safe (each call its own connection or transaction). */
final class EventStore {
  private static final String COLUMNS = "id, uid, recurrence_id, title, location, all_day, first_start, first_end,"
      + " zone_id, tzid, rrule, rdates, exdates, series_end, ics";
  private static final String INSERT_WITH_ID = "INSERT INTO agenda_event (" + COLUMNS + ", created_at, updated_at)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT = "INSERT INTO agenda_event (" + COLUMNS.substring("id, ".length())
      + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final int BATCH = 1000;

  private final Jdbc jdbc;
  private final Clock clock;

  EventStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /** What {@link #putAll} changed: the new ids, and the events that were there before with the same UID. */
  record Put(List<AgendaEvent> stored, List<AgendaEvent> replaced) {}

  /**
   * Stores {@code events} and {@code timezones} in one transaction; an event whose UID (and RECURRENCE-ID) is
   * already stored replaces the old one. {@code restoreIds}: keep each event's own id (undo of a delete).
   */
  Put putAll(List<AgendaEvent> events, Map<String, String> timezones, boolean restoreIds) {
    return jdbc.inTransaction(c -> {
      Map<String, Long> existing = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, uid, recurrence_id FROM agenda_event");
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          existing.put(rows.getString(2) + "\n" + rows.getString(3), rows.getLong(1));
        }
      }
      List<AgendaEvent> replaced = new ArrayList<>();
      for (AgendaEvent e : events) {
        Long old = existing.get(e.uid() + "\n" + e.recurrenceId());
        if (old != null) {
          replaced.add(find(c, old).orElseThrow());
          try (PreparedStatement s = c.prepareStatement("DELETE FROM agenda_event WHERE id = ?")) {
            s.setLong(1, old);
            s.executeUpdate();
          }
        }
      }
      List<AgendaEvent> stored = new ArrayList<>(events.size());
      OffsetDateTime now = utc(clock.instant());
      long lastIdBefore = lastId(c);
      // One batch of inserts (an import of 10,000 events is one round trip per 1,000, not 10,000), then the new
      // ids read back by UID in one query.
      try (PreparedStatement s = c.prepareStatement(restoreIds ? INSERT_WITH_ID : INSERT)) {
        int pending = 0;
        for (AgendaEvent e : events) {
          bind(s, e, restoreIds, now);
          s.addBatch();
          if (++pending == BATCH) {
            s.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          s.executeBatch();
        }
      }
      Map<String, Long> ids = new HashMap<>();
      if (!restoreIds) {
        try (PreparedStatement s = c.prepareStatement("SELECT id, uid, recurrence_id FROM agenda_event WHERE id > ?")) {
          s.setLong(1, lastIdBefore);
          try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
              ids.put(rows.getString(2) + "\n" + rows.getString(3), rows.getLong(1));
            }
          }
        }
      }
      for (AgendaEvent e : events) {
        stored.add(restoreIds ? e : e.withId(ids.get(e.uid() + "\n" + e.recurrenceId())));
      }
      for (Map.Entry<String, String> tz : timezones.entrySet()) {
        try (PreparedStatement s = c.prepareStatement("MERGE INTO agenda_timezone (tzid, ics) KEY (tzid) VALUES (?, ?)")) {
          s.setString(1, tz.getKey());
          s.setString(2, tz.getValue());
          s.executeUpdate();
        }
      }
      return new Put(stored, replaced);
    });
  }

  private static long lastId(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM agenda_event");
        ResultSet row = s.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Replaces the event with {@code event.id()}. */
  void update(AgendaEvent event) {
    int changed = jdbc.update("UPDATE agenda_event SET uid = ?, recurrence_id = ?, title = ?, location = ?,"
        + " all_day = ?, first_start = ?, first_end = ?, zone_id = ?, tzid = ?, rrule = ?, rdates = ?, exdates = ?,"
        + " series_end = ?, ics = ?, updated_at = ? WHERE id = ?", event.uid(), event.recurrenceId(), event.title(),
        event.location(), event.allDay(), utc(event.start()), utc(event.end()), zoneId(event), event.tzid(),
        event.rrule(), instants(event.rdates()), instants(event.exdates()), utcOrNull(event.seriesEnd()),
        event.ics(), utc(clock.instant()), event.id());
    if (changed == 0) {
      throw new IllegalArgumentException("No event " + event.id());
    }
  }

  int deleteAll(List<Long> ids) {
    return jdbc.inTransaction(c -> {
      int deleted = 0;
      try (PreparedStatement s = c.prepareStatement("DELETE FROM agenda_event WHERE id = ?")) {
        for (long id : ids) {
          s.setLong(1, id);
          deleted += s.executeUpdate();
        }
      }
      return deleted;
    });
  }

  Optional<AgendaEvent> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM agenda_event WHERE id = ?", EventStore::map, id);
  }

  /** The series (the event without RECURRENCE-ID) of {@code uid}. */
  Optional<AgendaEvent> findSeries(String uid) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM agenda_event WHERE uid = ? AND recurrence_id = ''",
        EventStore::map, uid);
  }

  private static Optional<AgendaEvent> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agenda_event WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet row = s.executeQuery()) {
        return row.next() ? Optional.of(map(row)) : Optional.empty();
      }
    }
  }

  /**
   * Events that may have an occurrence overlapping {@code [from, to)} (a superset; expansion decides). Their
   * {@code ics} is left empty: expansion does not need it and it is most of each row.
   */
  List<AgendaEvent> candidates(Instant from, Instant to) {
    return jdbc.query("SELECT " + COLUMNS.replace("ics", "'' AS ics") + " FROM agenda_event WHERE first_start < ?"
        + " AND (series_end IS NULL OR series_end >= ?) ORDER BY first_start, id", EventStore::map, utc(to), utc(from));
  }

  List<AgendaEvent> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM agenda_event ORDER BY first_start, id", EventStore::map);
  }

  /** For each UID with changed occurrences, the RECURRENCE-ID keys of the occurrences they replace. */
  Map<String, Set<String>> replacedOccurrences() {
    Map<String, Set<String>> result = new HashMap<>();
    jdbc.query("SELECT uid, recurrence_id FROM agenda_event WHERE recurrence_id <> ''", row -> {
      result.computeIfAbsent(row.getString(1), u -> new HashSet<>()).add(row.getString(2));
      return null;
    });
    return result;
  }

  Map<String, String> timezones() {
    Map<String, String> result = new HashMap<>();
    jdbc.query("SELECT tzid, ics FROM agenda_timezone", row -> result.put(row.getString(1), row.getString(2)));
    return result;
  }

  int count() {
    return jdbc.queryOne("SELECT COUNT(*) FROM agenda_event", row -> row.getInt(1)).orElse(0);
  }

  private static void bind(PreparedStatement s, AgendaEvent e, boolean withId, OffsetDateTime now)
      throws SQLException {
    int i = 1;
    if (withId) {
      s.setLong(i++, e.id());
    }
    s.setString(i++, e.uid());
    s.setString(i++, e.recurrenceId());
    s.setString(i++, e.title());
    s.setString(i++, e.location());
    s.setBoolean(i++, e.allDay());
    s.setObject(i++, utc(e.start()));
    s.setObject(i++, utc(e.end()));
    s.setString(i++, zoneId(e));
    s.setString(i++, e.tzid());
    s.setString(i++, e.rrule());
    s.setString(i++, instants(e.rdates()));
    s.setString(i++, instants(e.exdates()));
    s.setObject(i++, utcOrNull(e.seriesEnd()));
    s.setString(i++, e.ics());
    s.setObject(i++, now);
    s.setObject(i, now);
  }

  private static AgendaEvent map(ResultSet row) throws SQLException {
    String zone = row.getString("zone_id");
    OffsetDateTime seriesEnd = row.getObject("series_end", OffsetDateTime.class);
    return new AgendaEvent(row.getLong("id"), row.getString("uid"), row.getString("recurrence_id"),
        row.getString("title"), row.getString("location"), row.getBoolean("all_day"),
        row.getObject("first_start", OffsetDateTime.class).toInstant(),
        row.getObject("first_end", OffsetDateTime.class).toInstant(), zone == null ? null : ZoneId.of(zone),
        row.getString("tzid"), row.getString("rrule"), parseInstants(row.getString("rdates")),
        parseInstants(row.getString("exdates")), seriesEnd == null ? null : seriesEnd.toInstant(),
        row.getString("ics"));
  }

  private static String zoneId(AgendaEvent e) {
    return e.zone() == null ? null : e.zone().getId();
  }

  private static String instants(List<Instant> values) {
    return values.isEmpty() ? null : String.join(" ", values.stream().map(Instant::toString).toList());
  }

  private static List<Instant> parseInstants(String text) {
    return text == null || text.isBlank() ? List.of()
        : Arrays.stream(text.strip().split(" ")).map(Instant::parse).toList();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime utcOrNull(Instant instant) {
    return instant == null ? null : utc(instant);
  }
}
