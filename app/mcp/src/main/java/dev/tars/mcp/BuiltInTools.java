package dev.tars.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.Action;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.agenda.EventDraft;
import dev.tars.actions.agenda.Occurrence;
import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.Passage;
import dev.tars.search.Query;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchSource;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tools Tars offers other programs, on the one tool model ({@link Tool}): four that read (documents, notes,
 * agenda, conversations) and, only when the person allows actions from other apps, four that change things
 * through the action service (note, reminder, event, memory), each logged with its origin and the program that
 * asked. The MCP server serves these; in-chat tools can use the same definitions.
 *
 * <p>The JSON schemas live in {@code tools.json} next to this class so the grammar tests read the same text.
 * Handlers get arguments the schema has already accepted (the MCP SDK validates them); what the schema cannot
 * say (a date that does not exist, an end before the start) ends as a {@link ToolRefusal} whose message is
 * the tool error the client sees.
 */
public final class BuiltInTools {
  /** Names of the tools that change something; offered only when actions from other apps are allowed. */
  public static final List<String> ACTION_TOOLS = List.of("create_note", "create_reminder", "create_event",
      "remember");
  /** Names of the tools that only read. */
  public static final List<String> READ_TOOLS = List.of("search_documents", "search_notes", "list_agenda",
      "search_conversations");
  /** Most days {@code list_agenda} covers in one call. */
  static final int MAX_AGENDA_DAYS = 366;
  static final int HITS = 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> SCHEMAS = loadSchemas();

  /** Who asks: the origin logged with each action, and the program's name (the MCP client's). */
  public record Caller(Origin origin, String client) {
    public Caller {
      Objects.requireNonNull(origin, "origin");
      client = client == null ? "" : client.strip();
    }
  }

  /** A call the tool cannot do (bad date, documents unavailable...): the message goes back as the tool error. */
  public static final class ToolRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolRefusal(String message) {
      super(message);
    }
  }

  private final Supplier<KnowledgeService> documents;
  private final Actions actions;
  private final SearchSource conversations;
  private final McpTexts texts;

  /**
   * @param documents the knowledge base's service, asked for on the first document call (it is heavy to open);
   *     throws with a message for a person when documents are not available
   * @param actions notes, agenda, reminders and the action service
   * @param conversations searches the person's conversations
   */
  public BuiltInTools(Supplier<KnowledgeService> documents, Actions actions, SearchSource conversations,
      McpTexts texts) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.texts = Objects.requireNonNull(texts, "texts");
  }

  /** The JSON schema of a built-in tool's arguments, as written in {@code tools.json}. */
  public static JsonNode schema(String name) {
    JsonNode schema = SCHEMAS.get(name);
    if (schema == null) {
      throw new IllegalArgumentException("no built-in tool " + name);
    }
    return schema.get("inputSchema").deepCopy();
  }

  /**
   * The tools for {@code caller}: the reading ones, and the action ones when {@code allowActions}.
   */
  public List<Tool> tools(Caller caller, boolean allowActions) {
    List<Tool> tools = new ArrayList<>();
    tools.add(tool("search_documents", this::searchDocuments));
    tools.add(tool("search_notes", this::searchNotes));
    tools.add(tool("list_agenda", this::listAgenda));
    tools.add(tool("search_conversations", this::searchConversations));
    if (allowActions) {
      tools.add(tool("create_note", args -> createNote(args, caller)));
      tools.add(tool("create_reminder", args -> createReminder(args, caller)));
      tools.add(tool("create_event", args -> createEvent(args, caller)));
      tools.add(tool("remember", args -> remember(args, caller)));
    }
    return List.copyOf(tools);
  }

  private static Tool tool(String name, ToolHandler handler) {
    return new Tool(name, SCHEMAS.get(name).get("description").asText(), schema(name), handler);
  }

  // ---- reading ------------------------------------------------------------------------------------------

  private String searchDocuments(JsonNode args) {
    KnowledgeService service = knowledge();
    String query = args.path("query").asText().strip();
    int k = args.path("k").asInt(5);
    List<Long> ids = List.of();
    List<CollectionInfo> known = service.collections();
    if (args.hasNonNull("collection")) {
      String wanted = args.get("collection").asText().strip();
      CollectionInfo match = known.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst()
          .orElseThrow(() -> new ToolRefusal(texts.get("mcp.noCollection", wanted,
              String.join(", ", known.stream().map(CollectionInfo::name).toList()))));
      ids = List.of(match.id());
    }
    Map<Long, String> names = new java.util.HashMap<>();
    known.forEach(c -> names.put(c.id(), c.name()));
    ObjectNode result = JSON.createObjectNode();
    ArrayNode passages = result.putArray("passages");
    for (Passage p : service.search(query, ids, k)) {
      ObjectNode item = passages.addObject();
      item.put("file", p.path().toAbsolutePath().toString());
      item.put("uri", McpResources.documentUri(p.documentId()));
      item.put("collection", names.getOrDefault(p.collectionId(), ""));
      if (p.page() > 0) {
        item.put("page", p.page());
      } else {
        item.putNull("page");
      }
      item.put("score", p.score());
      item.put("text", p.text());
    }
    return result.toString();
  }

  private String searchNotes(JsonNode args) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode notes = result.putArray("notes");
    for (NoteStore.Hit hit : actions.notes().search(args.path("query").asText(), HITS)) {
      Note note = hit.note();
      notes.addObject().put("id", note.id()).put("uri", McpResources.noteUri(note.id())).put("title", note.title())
          .put("snippet", hit.snippet().text()).put("score", hit.score())
          .put("updated", note.updatedAt().atZone(actions.zone()).toOffsetDateTime().toString());
    }
    return result.toString();
  }

  private String listAgenda(JsonNode args) {
    LocalDate from = date(args, "from");
    LocalDate to = date(args, "to");
    if (to.isBefore(from)) {
      throw new ToolRefusal(texts.get("mcp.toBeforeFrom", from, to));
    }
    if (from.plusDays(MAX_AGENDA_DAYS).isBefore(to)) {
      throw new ToolRefusal(texts.get("mcp.agendaTooLong", MAX_AGENDA_DAYS));
    }
    ZoneId zone = actions.zone();
    var list = actions.agenda().occurrences(from, to);
    ObjectNode result = JSON.createObjectNode();
    result.put("timeZone", zone.getId());
    ArrayNode events = result.putArray("events");
    for (Occurrence o : list.occurrences()) {
      ObjectNode item = events.addObject().put("eventId", o.eventId()).put("title", o.title())
          .put("location", o.location()).put("allDay", o.allDay()).put("repeats", o.repeats());
      if (o.allDay()) {
        item.put("start", o.startDay().toString()).put("end", o.endDay().minusDays(1).toString());
      } else {
        item.put("start", o.start().atZone(zone).toOffsetDateTime().toString())
            .put("end", o.end().atZone(zone).toOffsetDateTime().toString());
      }
    }
    result.put("truncated", list.truncated());
    return result.toString();
  }

  private String searchConversations(JsonNode args) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode hits = result.putArray("results");
    for (SearchHit hit : conversations.search(Query.of(args.path("query").asText()), HITS)) {
      ObjectNode item = hits.addObject().put("conversationId", hit.conversationId()).put("title", hit.title())
          .put("snippet", hit.snippet().text()).put("score", hit.score());
      if (hit.messageId() > 0) {
        item.put("messageId", hit.messageId());
      }
      if (hit.when() != null) {
        item.put("when", hit.when().atZone(actions.zone()).toOffsetDateTime().toString());
      }
    }
    return result.toString();
  }

  // ---- actions ------------------------------------------------------------------------------------------

  private String createNote(JsonNode args, Caller caller) {
    Note note = (Note) act(new Action.CreateNote(Note.Draft.of(args.path("text").asText())), caller).subject();
    return JSON.createObjectNode().put("id", note.id()).put("uri", McpResources.noteUri(note.id()))
        .put("title", note.title()).toString();
  }

  private String createReminder(JsonNode args, Caller caller) {
    ZoneId zone = actions.zone();
    var due = dateTime(args, "when").atZone(zone);
    var outcome = act(new Action.CreateReminder(args.path("text").asText(), due.toInstant(), zone), caller);
    return JSON.createObjectNode().put("id", outcome.entry().subjectId()).put("text", outcome.entry().summary())
        .put("when", due.toOffsetDateTime().toString()).toString();
  }

  private String createEvent(JsonNode args, Caller caller) {
    ZoneId zone = actions.zone();
    boolean allDay = isDate(args.path("start").asText());
    LocalDateTime start = allDay ? date(args, "start").atStartOfDay() : dateTime(args, "start");
    LocalDateTime end = null;
    if (args.hasNonNull("end")) {
      end = isDate(args.get("end").asText()) ? date(args, "end").plusDays(allDay ? 1 : 0).atStartOfDay()
          : dateTime(args, "end");
    }
    EventDraft draft = new EventDraft(args.path("title").asText(), start, end, allDay, zone,
        args.path("location").asText(""), "", null, List.of());
    var outcome = act(new Action.CreateEvent(draft), caller);
    return JSON.createObjectNode().put("id", outcome.entry().subjectId()).put("title", draft.title())
        .put("start", allDay ? draft.start().toLocalDate().toString() : draft.start().atZone(zone)
            .toOffsetDateTime().toString())
        .put("end", allDay ? draft.end().toLocalDate().minusDays(1).toString() : draft.end().atZone(zone)
            .toOffsetDateTime().toString())
        .put("allDay", allDay).toString();
  }

  private String remember(JsonNode args, Caller caller) {
    var outcome = act(new Action.Remember(args.path("fact").asText()), caller);
    return JSON.createObjectNode().put("id", outcome.entry().subjectId()).put("fact", outcome.entry().summary())
        .toString();
  }

  private dev.tars.actions.ActionService.Outcome act(Action action, Caller caller) {
    try {
      return actions.service().execute(action, caller.origin(), caller.client());
    } catch (dev.tars.actions.i18n.ActionException e) {
      throw new ToolRefusal(e.describe(texts.actionTexts()));
    }
  }

  // ---- arguments ----------------------------------------------------------------------------------------

  private KnowledgeService knowledge() {
    try {
      return documents.get();
    } catch (RuntimeException e) {
      throw new ToolRefusal(texts.get("mcp.noDocuments", e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  private static boolean isDate(String text) {
    return text.strip().length() == 10;
  }

  private LocalDate date(JsonNode args, String field) {
    return parsed(args, field, text -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE), "mcp.badDate");
  }

  /** A date and time in the person's zone; an offset or {@code Z}, when given, is converted to that zone. */
  private LocalDateTime dateTime(JsonNode args, String field) {
    return parsed(args, field, text -> {
      if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return java.time.OffsetDateTime.parse(text).atZoneSameInstant(actions.zone()).toLocalDateTime();
      }
      return LocalDateTime.parse(text);
    }, "mcp.badDateTime");
  }

  private <T> T parsed(JsonNode args, String field, Function<String, T> parse, String errorKey) {
    String text = args.path(field).asText("").strip();
    try {
      return parse.apply(text);
    } catch (java.time.DateTimeException e) {
      throw new ToolRefusal(texts.get(errorKey, field, text));
    }
  }

  private static Map<String, JsonNode> loadSchemas() {
    try (InputStream in = BuiltInTools.class.getResourceAsStream("tools.json")) {
      if (in == null) {
        throw new IllegalStateException("tools.json is missing from the tars-mcp jar");
      }
      Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
      JSON.readTree(in).forEach(tool -> byName.put(tool.get("name").asText(), tool));
      return Map.copyOf(byName);
    } catch (IOException e) {
      throw new UncheckedIOException("tools.json cannot be read", e);
    }
  }
}
