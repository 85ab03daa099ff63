package dev.tars.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.agenda.AgendaEvent;
import dev.tars.actions.notes.Note;
import dev.tars.actions.reminders.Reminder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What the activity log keeps of a note, event or reminder (JSON), so Undo can put it back exactly. */
final class Snapshots {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Snapshots() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Activity entry holds invalid JSON", e);
    }
  }

  static ObjectNode note(Note n) {
    ObjectNode o = object().put("id", n.id()).put("title", n.title()).put("body", n.body())
        .put("createdAt", n.createdAt().toString()).put("updatedAt", n.updatedAt().toString());
    ArrayNode tags = o.putArray("tags");
    n.tags().forEach(tags::add);
    if (n.projectId() != null) {
      o.put("projectId", n.projectId());
    }
    return o;
  }

  static Note note(JsonNode o) {
    List<String> tags = new ArrayList<>();
    o.path("tags").forEach(t -> tags.add(t.asText()));
    return new Note(o.get("id").asLong(), o.get("title").asText(), o.get("body").asText(), tags,
        o.hasNonNull("projectId") ? o.get("projectId").asLong() : null, Instant.parse(o.get("createdAt").asText()),
        Instant.parse(o.get("updatedAt").asText()));
  }

  static ObjectNode event(AgendaEvent e) {
    ObjectNode o = object().put("id", e.id()).put("uid", e.uid()).put("recurrenceId", e.recurrenceId())
        .put("title", e.title()).put("location", e.location()).put("allDay", e.allDay())
        .put("start", e.start().toString()).put("end", e.end().toString())
        .put("zone", e.zone() == null ? null : e.zone().getId()).put("tzid", e.tzid()).put("rrule", e.rrule())
        .put("seriesEnd", e.seriesEnd() == null ? null : e.seriesEnd().toString()).put("ics", e.ics());
    ArrayNode rdates = o.putArray("rdates");
    e.rdates().forEach(i -> rdates.add(i.toString()));
    ArrayNode exdates = o.putArray("exdates");
    e.exdates().forEach(i -> exdates.add(i.toString()));
    return o;
  }

  static AgendaEvent event(JsonNode o) {
    return new AgendaEvent(o.get("id").asLong(), o.get("uid").asText(), o.get("recurrenceId").asText(),
        o.get("title").asText(), o.get("location").asText(), o.get("allDay").asBoolean(),
        Instant.parse(o.get("start").asText()), Instant.parse(o.get("end").asText()),
        o.hasNonNull("zone") ? ZoneId.of(o.get("zone").asText()) : null, textOrNull(o, "tzid"),
        textOrNull(o, "rrule"), instants(o.path("rdates")), instants(o.path("exdates")),
        o.hasNonNull("seriesEnd") ? Instant.parse(o.get("seriesEnd").asText()) : null, o.get("ics").asText());
  }

  static ObjectNode reminder(Reminder r) {
    return object().put("id", r.id()).put("uid", r.uid()).put("text", r.text())
        .put("due", r.due() == null ? null : r.due().toString()).put("zone", r.zone().getId())
        .put("status", r.status().name()).put("ics", r.ics()).put("createdAt", r.createdAt().toString());
  }

  static Reminder reminder(JsonNode o) {
    return new Reminder(o.get("id").asLong(), o.get("uid").asText(), o.get("text").asText(),
        o.hasNonNull("due") ? Instant.parse(o.get("due").asText()) : null, ZoneId.of(o.get("zone").asText()),
        Reminder.Status.valueOf(o.get("status").asText()), textOrNull(o, "ics"),
        Instant.parse(o.get("createdAt").asText()));
  }

  static List<Long> ids(JsonNode array) {
    List<Long> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.asLong()));
    return ids;
  }

  private static List<Instant> instants(JsonNode array) {
    List<Instant> result = new ArrayList<>();
    array.forEach(n -> result.add(Instant.parse(n.asText())));
    return result;
  }

  private static String textOrNull(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asText() : null;
  }
}
