package dev.tars.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.config.SettingsStore;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Jdbc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a conversation or a project (with its memories) to Tars JSON or Markdown, and imports Tars JSON or
 * ChatGPT's export ({@code conversations.json}, or the zip it comes in). An import happens in one transaction:
 * all of it or, on any problem, nothing. Blocking: call it off the UI thread.
 */
public final class ExchangeService {
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeService.class);
  /** Bigger files are refused rather than read into memory; ChatGPT exports of years of use are ~100 MB. */
  static final long MAX_BYTES = 512L << 20;

  private final ConversationStore conversations;
  private final ProjectService projects;
  private final MemoryService memories;
  private final SettingsStore settings;
  private final Jdbc jdbc;
  private final Clock clock;

  public ExchangeService(DataSource dataSource, ConversationStore conversations, ProjectService projects,
      MemoryService memories, SettingsStore settings, Clock clock) {
    this.conversations = conversations;
    this.projects = projects;
    this.memories = memories;
    this.settings = settings;
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /** What an import added. */
  public record ImportResult(String format, long projectId, List<Long> conversationIds, int memories) {}

  public TarsExport exportConversation(long conversationId) {
    Conversation c = conversations.find(conversationId)
        .orElseThrow(() -> new NoSuchElementException("That conversation no longer exists."));
    return new TarsExport(clock.instant(), null, List.of(data(c)));
  }

  public TarsExport exportProject(long projectId) {
    Project p = projects.project(projectId);
    List<TarsExport.MemoryData> memoryData = memories.memories(MemoryScope.project(projectId)).stream()
        .map(m -> new TarsExport.MemoryData(m.text(), m.pinned(), m.createdAt(), m.updatedAt())).toList();
    List<TarsExport.ConversationData> list = new ArrayList<>();
    List<Long> ids = new ArrayList<>(projects.conversationIds(projectId));
    java.util.Collections.reverse(ids);
    for (long id : ids) {
      conversations.find(id).ifPresent(c -> list.add(data(c)));
    }
    return new TarsExport(clock.instant(), new TarsExport.ProjectData(p.name(), p.instructions(), p.defaultModel(),
        p.collectionIds(), p.createdAt(), memoryData), list);
  }

  private TarsExport.ConversationData data(Conversation c) {
    List<TarsExport.MessageData> messages = new ArrayList<>();
    for (Message m : conversations.messages(c.id())) {
      messages.add(new TarsExport.MessageData(m.role(), m.content(), m.status(), m.createdAt()));
    }
    return new TarsExport.ConversationData(c.title(), c.systemPrompt(), c.sampling(), c.createdAt(), c.updatedAt(),
        messages);
  }

  /** Writes {@code export} as Tars JSON ({@code .json}) or Markdown (any other extension, e.g. {@code .md}). */
  public void write(TarsExport export, Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String text = name.endsWith(".json") ? JsonExchange.write(export)
        : MarkdownExchange.write(export, clock.getZone());
    Path temp = file.resolveSibling(file.getFileName() + ".part");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Imports a Tars JSON export or a ChatGPT export. A project export becomes a new project; conversations
   * alone go into {@code targetProjectId}.
   *
   * @throws ImportException what is wrong with the file and what to do; nothing was imported
   */
  public ImportResult importFile(Path file, long targetProjectId) throws ImportException {
    byte[] bytes = read(file);
    JsonNode root = parse(bytes, file);
    if (JsonExchange.isTarsExport(root)) {
      return store(JsonExchange.read(root), targetProjectId, "Tars");
    }
    if (ChatGptFormat.looksLikeChatGpt(root)) {
      var defaults = settings.get();
      List<TarsExport.ConversationData> list = ChatGptFormat.read(root, defaults.defaultSystemPrompt(),
          defaults.defaultSampling());
      return store(new TarsExport(clock.instant(), null, list), targetProjectId, "ChatGPT");
    }
    throw new ImportException(file.getFileName() + " is JSON, but neither a Tars export nor a ChatGPT export"
        + " (conversations.json). Nothing was imported.");
  }

  private byte[] read(Path file) throws ImportException {
    String name = file.getFileName().toString();
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new ImportException(name + " is empty. Nothing was imported; choose the exported file itself.");
      }
      if (size > MAX_BYTES) {
        throw new ImportException(name + " is larger than " + (MAX_BYTES >> 20) + " MB, too big to import.");
      }
      if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
        return fromZip(file);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ImportException(name + " does not exist (any more). Choose the file again.", e);
    } catch (IOException e) {
      LOG.warn("Cannot read import file {}", file, e);
      throw new ImportException("Cannot read " + name + ": " + e.getMessage() + ".", e);
    }
  }

  /** ChatGPT delivers its export as a zip; the conversations are in {@code conversations.json}. */
  private static byte[] fromZip(Path file) throws IOException, ImportException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String entryName = entry.getName();
        if (entryName.equals("conversations.json") || entryName.endsWith("/conversations.json")) {
          return readCapped(zip);
        }
      }
    } catch (ZipException e) {
      throw new ImportException(file.getFileName() + " is not a readable zip file (" + e.getMessage()
          + "). Nothing was imported.", e);
    }
    throw new ImportException(file.getFileName() + " has no conversations.json inside, so it is not a ChatGPT"
        + " export. Nothing was imported.");
  }

  private static byte[] readCapped(InputStream in) throws IOException, ImportException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > MAX_BYTES) {
        throw new ImportException("conversations.json in this zip is larger than " + (MAX_BYTES >> 20)
            + " MB, too big to import.");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static JsonNode parse(byte[] bytes, Path file) throws ImportException {
    try {
      JsonNode root = JsonExchange.JSON.readTree(bytes);
      if (root == null || root.isMissingNode()) {
        throw new ImportException(file.getFileName() + " is empty. Nothing was imported.");
      }
      return root;
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      String place = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
      throw new ImportException(file.getFileName() + " is not valid JSON" + place + ": " + e.getOriginalMessage()
          + ". It may be cut short or not an export at all. Nothing was imported.", e);
    } catch (IOException e) {
      throw new ImportException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private ImportResult store(TarsExport export, long targetProjectId, String format) throws ImportException {
    if (export.project() == null && export.conversations().isEmpty()) {
      throw new ImportException("The file holds no conversations. Nothing was imported.");
    }
    if (export.project() == null) {
      projects.project(targetProjectId);
    }
    ImportResult result = jdbc.inTransaction(c -> {
      long projectId = export.project() == null ? targetProjectId : insertProject(c, export.project());
      int memoryCount = 0;
      if (export.project() != null) {
        for (TarsExport.MemoryData m : export.project().memories()) {
          insert(c, "INSERT INTO memory (project_id, content, pinned, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
              projectId, m.text(), m.pinned(), time(m.createdAt()), time(m.updatedAt()));
          memoryCount++;
        }
      }
      List<Long> ids = new ArrayList<>();
      for (TarsExport.ConversationData conv : export.conversations()) {
        long id = insert(c, "INSERT INTO conversation (project_id, title, system_prompt, temperature, top_p,"
            + " max_tokens, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", projectId, conv.title(),
            conv.systemPrompt(), conv.sampling().temperature(), conv.sampling().topP(), conv.sampling().maxTokens(),
            time(conv.createdAt()), time(conv.updatedAt()));
        for (TarsExport.MessageData m : conv.messages()) {
          // An answer cut off mid-stream in the exporting app is not streaming here.
          MessageStatus status = m.status() == MessageStatus.STREAMING ? MessageStatus.INTERRUPTED : m.status();
          insert(c, "INSERT INTO message (conversation_id, role, content, status, created_at) VALUES (?, ?, ?, ?, ?)",
              id, m.role().name(), m.content(), status.name(), time(m.createdAt()));
        }
        ids.add(id);
      }
      return new ImportResult(format, projectId, List.copyOf(ids), memoryCount);
    });
    LOG.info("Imported {} conversation(s) and {} memories from a {} export into project {}",
        result.conversationIds().size(), result.memories(), format, result.projectId());
    return result;
  }

  private long insertProject(Connection c, TarsExport.ProjectData p) throws SQLException {
    String name = freeName(p.name());
    long id = insert(c, "INSERT INTO project (name, instructions, default_model, created_at) VALUES (?, ?, ?, ?)",
        name, p.instructions(), p.defaultModel(), time(p.createdAt()));
    for (long collection : p.collectionIds()) {
      insert(c, "INSERT INTO project_collection (project_id, collection_id) VALUES (?, ?)", id, collection);
    }
    return id;
  }

  /** The project's name, or "name (imported)", "name (imported 2)"... if taken. */
  private String freeName(String name) {
    List<String> taken = projects.projects().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
    String candidate = name.isBlank() ? "Imported project" : name.strip();
    for (int n = 1; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = name.strip() + (n == 1 ? " (imported)" : " (imported " + n + ")");
    }
    return candidate;
  }

  private static long insert(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : 0;
      }
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
