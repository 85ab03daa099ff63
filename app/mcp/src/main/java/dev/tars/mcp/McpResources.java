package dev.tars.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.notes.Note;
import dev.tars.actions.notes.NoteStore;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.knowledge.chunk.Chunk;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes and documents as MCP resources: {@code tars://notes} and {@code tars://documents} list them (always
 * current), {@code tars://notes/ID} and {@code tars://documents/ID} read one (templates, so an item added after
 * the server started is readable too). Each note and document is also listed as its own resource; that list is
 * refreshed by {@link #refresh} (at start and after each action this server makes).
 */
final class McpResources {
  private static final Logger LOG = LoggerFactory.getLogger(McpResources.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NOTES = "tars://notes";
  static final String DOCUMENTS = "tars://documents";
  /** Most notes and documents listed one by one; the index resources always hold them all. */
  static final int LISTED = 500;
  /** A document's text is cut here when read (characters). */
  static final int MAX_DOCUMENT_CHARS = 1_000_000;
  private static final Pattern ITEM = Pattern.compile("^tars://(notes|documents)/(\\d{1,18})$");

  private final NoteStore notes;
  private final Supplier<KnowledgeService> documents;
  private final McpTexts texts;
  private final Set<String> listed = new HashSet<>();

  McpResources(NoteStore notes, Supplier<KnowledgeService> documents, McpTexts texts) {
    this.notes = notes;
    this.documents = documents;
    this.texts = texts;
  }

  static String noteUri(long id) {
    return NOTES + "/" + id;
  }

  static String documentUri(long id) {
    return DOCUMENTS + "/" + id;
  }

  List<SyncResourceSpecification> indexes() {
    return List.of(
        new SyncResourceSpecification(McpSchema.Resource.builder().uri(NOTES).name("notes")
            .title(texts.get("mcp.resource.notes")).description(texts.get("mcp.resource.notes.description"))
            .mimeType("application/json").build(), (exchange, request) -> text(NOTES, "application/json",
                notesIndex())),
        new SyncResourceSpecification(McpSchema.Resource.builder().uri(DOCUMENTS).name("documents")
            .title(texts.get("mcp.resource.documents")).description(texts.get("mcp.resource.documents.description"))
            .mimeType("application/json").build(), (exchange, request) -> text(DOCUMENTS, "application/json",
                documentsIndex())));
  }

  List<SyncResourceTemplateSpecification> templates() {
    return List.of(
        new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder(NOTES + "/{id}", "note")
            .title(texts.get("mcp.resource.note")).mimeType("text/markdown").build(),
            (exchange, request) -> read(request.uri())),
        new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder(DOCUMENTS + "/{id}", "document")
            .title(texts.get("mcp.resource.document")).mimeType("text/plain").build(),
            (exchange, request) -> read(request.uri())));
  }

  /**
   * Each note and document (up to {@link #LISTED} of each) as its own resource, for the server's first list: given
   * to the builder so that no change is announced before a client has even initialized.
   */
  synchronized List<SyncResourceSpecification> items() {
    Map<String, McpSchema.Resource> wanted = wanted();
    listed.clear();
    listed.addAll(wanted.keySet());
    return wanted.values().stream().map(this::spec).toList();
  }

  /** Brings {@code server}'s list of notes and documents up to date (after an action of this server). */
  synchronized void refresh(McpSyncServer server) {
    Map<String, McpSchema.Resource> wanted = wanted();
    boolean changed = false;
    for (String uri : Set.copyOf(listed)) {
      if (!wanted.containsKey(uri)) {
        server.removeResource(uri);
        listed.remove(uri);
        changed = true;
      }
    }
    for (var entry : wanted.entrySet()) {
      if (listed.add(entry.getKey())) {
        server.addResource(spec(entry.getValue()));
        changed = true;
      }
    }
    if (changed) {
      LOG.debug("MCP resources refreshed: {} listed", listed.size());
    }
  }

  private Map<String, McpSchema.Resource> wanted() {
    Map<String, McpSchema.Resource> wanted = new java.util.LinkedHashMap<>();
    notes.all().stream().limit(LISTED).forEach(n -> wanted.put(noteUri(n.id()), McpSchema.Resource.builder()
        .uri(noteUri(n.id())).name(n.title().isBlank() ? "note " + n.id() : n.title()).mimeType("text/markdown")
        .build()));
    knowledge().ifPresent(k -> k.documents(OptionalLong.empty()).stream().limit(LISTED)
        .forEach(d -> wanted.put(documentUri(d.id()), McpSchema.Resource.builder().uri(documentUri(d.id()))
            .name(d.path().getFileName().toString()).description(d.path().toString()).mimeType("text/plain")
            .build())));
    return wanted;
  }

  private SyncResourceSpecification spec(McpSchema.Resource resource) {
    return new SyncResourceSpecification(resource, (exchange, request) -> read(request.uri()));
  }

  private ReadResourceResult read(String uri) {
    Matcher m = ITEM.matcher(uri);
    if (!m.matches()) {
      throw notFound(uri);
    }
    long id = Long.parseLong(m.group(2));
    if (m.group(1).equals("notes")) {
      Note note = notes.find(id).orElseThrow(() -> notFound(uri));
      String body = note.body().strip().startsWith("#") || note.body().strip().startsWith(note.title())
          ? note.body() : "# " + note.title() + "\n\n" + note.body();
      return text(uri, "text/markdown", body);
    }
    KnowledgeService service = knowledge().orElseThrow(() -> notFound(uri));
    service.documents(OptionalLong.empty()).stream().filter(d -> d.id() == id).findFirst()
        .orElseThrow(() -> notFound(uri));
    return text(uri, "text/plain", documentText(service.chunks(id)));
  }

  /** The document's text rebuilt from its chunks, which overlap: each chunk adds what lies past the last. */
  static String documentText(List<Chunk> chunks) {
    StringBuilder text = new StringBuilder();
    int covered = 0;
    for (Chunk chunk : chunks) {
      if (chunk.end() <= covered) {
        continue;
      }
      int skip = Math.max(0, covered - chunk.start());
      if (chunk.start() > covered && !text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(chunk.text(), Math.min(skip, chunk.text().length()), chunk.text().length());
      covered = chunk.end();
      if (text.length() >= MAX_DOCUMENT_CHARS) {
        text.setLength(MAX_DOCUMENT_CHARS);
        break;
      }
    }
    return text.toString();
  }

  private String notesIndex() {
    ObjectNode index = JSON.createObjectNode();
    ArrayNode items = index.putArray("notes");
    for (Note note : notes.all()) {
      items.addObject().put("uri", noteUri(note.id())).put("title", note.title())
          .put("updated", note.updatedAt().toString());
    }
    return index.toString();
  }

  private String documentsIndex() {
    ObjectNode index = JSON.createObjectNode();
    ArrayNode items = index.putArray("documents");
    knowledge().ifPresent(service -> {
      Map<Long, String> names = new HashMap<>();
      service.collections().forEach((CollectionInfo c) -> names.put(c.id(), c.name()));
      for (DocumentInfo d : service.documents(OptionalLong.empty())) {
        ObjectNode item = items.addObject().put("uri", documentUri(d.id())).put("file", d.path().toString())
            .put("collection", names.getOrDefault(d.collectionId(), "")).put("status", d.status().name()
                .toLowerCase(java.util.Locale.ROOT));
        if (d.pages() > 0) {
          item.put("pages", d.pages());
        }
      }
    });
    return index.toString();
  }

  private Optional<KnowledgeService> knowledge() {
    try {
      return Optional.of(documents.get());
    } catch (RuntimeException e) {
      LOG.debug("Documents are not available to MCP resources", e);
      return Optional.empty();
    }
  }

  private McpError notFound(String uri) {
    return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(texts.get("mcp.noResource", uri))
        .build();
  }

  private static ReadResourceResult text(String uri, String mimeType, String text) {
    return new ReadResourceResult(List.of(new TextResourceContents(uri, mimeType, text)));
  }
}
