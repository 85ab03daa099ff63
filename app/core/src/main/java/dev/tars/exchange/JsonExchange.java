package dev.tars.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tars's own JSON export format, written and read here. Reading checks every field and reports the first
 * problem with its place in the file ({@code conversations[1].messages[4].role}).
 */
public final class JsonExchange {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonExchange() {}

  public static String write(TarsExport export) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", TarsExport.FORMAT).put("version", TarsExport.VERSION)
        .put("exportedAt", export.exportedAt().toString());
    if (export.project() != null) {
      TarsExport.ProjectData p = export.project();
      ObjectNode project = root.putObject("project").put("name", p.name()).put("instructions", p.instructions())
          .put("defaultModel", p.defaultModel()).put("createdAt", p.createdAt().toString());
      ArrayNode collections = project.putArray("collectionIds");
      p.collectionIds().forEach(collections::add);
      ArrayNode memories = project.putArray("memories");
      for (TarsExport.MemoryData m : p.memories()) {
        memories.addObject().put("text", m.text()).put("pinned", m.pinned()).put("createdAt", m.createdAt().toString())
            .put("updatedAt", m.updatedAt().toString());
      }
    }
    ArrayNode conversations = root.putArray("conversations");
    for (TarsExport.ConversationData c : export.conversations()) {
      ObjectNode conversation = conversations.addObject().put("title", c.title()).put("systemPrompt", c.systemPrompt());
      conversation.putObject("sampling").put("temperature", c.sampling().temperature())
          .put("topP", c.sampling().topP()).put("maxTokens", c.sampling().maxTokens());
      conversation.put("createdAt", c.createdAt().toString()).put("updatedAt", c.updatedAt().toString());
      ArrayNode messages = conversation.putArray("messages");
      for (TarsExport.MessageData m : c.messages()) {
        messages.addObject().put("role", m.role().wireName()).put("content", m.content())
            .put("status", m.status().name().toLowerCase(java.util.Locale.ROOT)).put("createdAt", m.createdAt().toString());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree of plain values always serializes", e);
    }
  }

  /** True when the tree says it is a Tars export (of any version). */
  static boolean isTarsExport(JsonNode root) {
    return root.isObject() && TarsExport.FORMAT.equals(root.path("format").asText());
  }

  static TarsExport read(JsonNode root) throws ImportException {
    int version = root.path("version").asInt(-1);
    if (version > TarsExport.VERSION) {
      throw new ImportException("This export was made by a newer Tars (format version " + version
          + "). Update Tars to import it.");
    }
    if (version < 1) {
      throw new ImportException("This Tars export has no valid format version. Export it again from Tars.");
    }
    Fields f = new Fields();
    TarsExport.ProjectData project = null;
    JsonNode p = root.get("project");
    if (p != null && !p.isNull()) {
      List<TarsExport.MemoryData> memories = new ArrayList<>();
      JsonNode memoryArray = f.array(p, "memories", "project.memories");
      for (int i = 0; i < memoryArray.size(); i++) {
        JsonNode m = f.object(memoryArray.get(i), "project.memories[" + i + "]");
        String at = "project.memories[" + i + "].";
        memories.add(new TarsExport.MemoryData(f.text(m, "text", at), f.bool(m, "pinned", at),
            f.instant(m, "createdAt", at), f.instant(m, "updatedAt", at)));
      }
      List<Long> collections = new ArrayList<>();
      JsonNode ids = f.array(p, "collectionIds", "project.collectionIds");
      for (int i = 0; i < ids.size(); i++) {
        if (!ids.get(i).canConvertToLong()) {
          throw new ImportException(f.problem("project.collectionIds[" + i + "]", "must be a number"));
        }
        collections.add(ids.get(i).asLong());
      }
      project = new TarsExport.ProjectData(f.text(p, "name", "project."), f.text(p, "instructions", "project."),
          f.text(p, "defaultModel", "project."), collections, f.instant(p, "createdAt", "project."), memories);
    }
    List<TarsExport.ConversationData> conversations = new ArrayList<>();
    JsonNode array = f.array(root, "conversations", "conversations");
    for (int i = 0; i < array.size(); i++) {
      String at = "conversations[" + i + "].";
      JsonNode c = f.object(array.get(i), "conversations[" + i + "]");
      JsonNode s = f.object(c.get("sampling"), at + "sampling");
      Sampling sampling;
      try {
        sampling = new Sampling(f.number(s, "temperature", at + "sampling."), f.number(s, "topP", at + "sampling."),
            (int) f.number(s, "maxTokens", at + "sampling."));
      } catch (IllegalArgumentException e) {
        throw new ImportException(f.problem(at + "sampling", e.getMessage()), e);
      }
      List<TarsExport.MessageData> messages = new ArrayList<>();
      JsonNode messageArray = f.array(c, "messages", at + "messages");
      for (int j = 0; j < messageArray.size(); j++) {
        String mat = at + "messages[" + j + "].";
        JsonNode m = f.object(messageArray.get(j), at + "messages[" + j + "]");
        Role role;
        try {
          role = Role.fromWireName(f.text(m, "role", mat));
        } catch (IllegalArgumentException e) {
          throw new ImportException(f.problem(mat + "role", "must be user, assistant or system, not \""
              + m.path("role").asText() + "\""), e);
        }
        MessageStatus status;
        try {
          status = MessageStatus.valueOf(f.text(m, "status", mat).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new ImportException(f.problem(mat + "status", "must be complete, stopped or interrupted"), e);
        }
        messages.add(new TarsExport.MessageData(role, f.text(m, "content", mat), status, f.instant(m, "createdAt", mat)));
      }
      String title = f.text(c, "title", at);
      if (title.isBlank()) {
        throw new ImportException(f.problem(at + "title", "is empty"));
      }
      conversations.add(new TarsExport.ConversationData(title, f.text(c, "systemPrompt", at), sampling,
          f.instant(c, "createdAt", at), f.instant(c, "updatedAt", at), messages));
    }
    return new TarsExport(f.instant(root, "exportedAt", ""), project, conversations);
  }

  /** Field readers that name the place of a problem. */
  private static final class Fields {
    String problem(String path, String what) {
      return "This Tars export is damaged: " + path + " " + what + ". Nothing was imported; export it again"
          + " from Tars.";
    }

    JsonNode object(JsonNode node, String path) throws ImportException {
      if (node == null || !node.isObject()) {
        throw new ImportException(problem(path, node == null ? "is missing" : "must be an object"));
      }
      return node;
    }

    JsonNode array(JsonNode parent, String name, String path) throws ImportException {
      JsonNode node = parent.get(name);
      if (node == null || !node.isArray()) {
        throw new ImportException(problem(path, node == null ? "is missing" : "must be a list"));
      }
      return node;
    }

    String text(JsonNode parent, String name, String prefix) throws ImportException {
      JsonNode node = parent.get(name);
      if (node == null || !node.isTextual()) {
        throw new ImportException(problem(prefix + name, node == null ? "is missing" : "must be text"));
      }
      return node.asText();
    }

    boolean bool(JsonNode parent, String name, String prefix) throws ImportException {
      JsonNode node = parent.get(name);
      if (node == null || !node.isBoolean()) {
        throw new ImportException(problem(prefix + name, node == null ? "is missing" : "must be true or false"));
      }
      return node.asBoolean();
    }

    double number(JsonNode parent, String name, String prefix) throws ImportException {
      JsonNode node = parent.get(name);
      if (node == null || !node.isNumber()) {
        throw new ImportException(problem(prefix + name, node == null ? "is missing" : "must be a number"));
      }
      return node.asDouble();
    }

    Instant instant(JsonNode parent, String name, String prefix) throws ImportException {
      String value = text(parent, name, prefix);
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new ImportException(problem(prefix + name, "is not a date and time (\"" + value + "\")"), e);
      }
    }
  }
}
