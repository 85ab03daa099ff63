package dev.tars.chat;

import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Conversations and messages in H2. Every method commits before it returns. */
public final class ConversationStore {
  private static final String CONVERSATION_COLUMNS =
      "id, title, system_prompt, temperature, top_p, max_tokens, created_at, updated_at";
  private static final String MESSAGE_COLUMNS = "id, conversation_id, role, content, status, created_at";

  private final Jdbc jdbc;
  private final Clock clock;

  public ConversationStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  public Conversation create(String title, String systemPrompt, Sampling sampling) {
    OffsetDateTime now = now();
    long id = jdbc.insert("INSERT INTO conversation (title, system_prompt, temperature, top_p, max_tokens,"
        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", title, systemPrompt, sampling.temperature(),
        sampling.topP(), sampling.maxTokens(), now, now);
    return find(id).orElseThrow();
  }

  public Optional<Conversation> find(long id) {
    return jdbc.queryOne("SELECT " + CONVERSATION_COLUMNS + " FROM conversation WHERE id = ? AND deleted_at IS NULL",
        ConversationStore::conversation, id);
  }

  /** Live conversations, most recently active first, whose title contains {@code filter}. */
  public List<Conversation> list(String filter) {
    String pattern = "%" + filter.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%";
    return jdbc.query("SELECT " + CONVERSATION_COLUMNS + " FROM conversation WHERE deleted_at IS NULL"
        + " AND LOWER(title) LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, id DESC",
        ConversationStore::conversation, pattern);
  }

  public void rename(long id, String title) {
    jdbc.update("UPDATE conversation SET title = ? WHERE id = ?", title, id);
  }

  public void updateSettings(long id, String systemPrompt, Sampling sampling) {
    jdbc.update("UPDATE conversation SET system_prompt = ?, temperature = ?, top_p = ?, max_tokens = ? WHERE id = ?",
        systemPrompt, sampling.temperature(), sampling.topP(), sampling.maxTokens(), id);
  }

  public void touch(long id) {
    jdbc.update("UPDATE conversation SET updated_at = ? WHERE id = ?", now(), id);
  }

  public void markDeleted(long id) {
    jdbc.update("UPDATE conversation SET deleted_at = ? WHERE id = ?", now(), id);
  }

  public void restore(long id) {
    jdbc.update("UPDATE conversation SET deleted_at = NULL WHERE id = ?", id);
  }

  /** Removes for good what has been in the trash longer than {@code age}. */
  public int purgeDeletedOlderThan(Duration age) {
    return jdbc.update("DELETE FROM conversation WHERE deleted_at < ?", OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC));
  }

  public Message addMessage(long conversationId, Role role, String content, MessageStatus status) {
    long id = jdbc.insert("INSERT INTO message (conversation_id, role, content, status, created_at)"
        + " VALUES (?, ?, ?, ?, ?)", conversationId, role.name(), content, status.name(), now());
    touch(conversationId);
    return message(id).orElseThrow();
  }

  public void updateMessage(long messageId, String content, MessageStatus status) {
    jdbc.update("UPDATE message SET content = ?, status = ? WHERE id = ?", content, status.name(), messageId);
  }

  public void deleteMessage(long messageId) {
    jdbc.update("DELETE FROM message WHERE id = ?", messageId);
  }

  public Optional<Message> message(long id) {
    return jdbc.queryOne("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE id = ?", ConversationStore::message, id);
  }

  public List<Message> messages(long conversationId) {
    return jdbc.query("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? ORDER BY id",
        ConversationStore::message, conversationId);
  }

  /** Keeps what answer {@code messageId} was given to read, in order. */
  public void addSources(long messageId, List<AnswerSource> sources) {
    for (int i = 0; i < sources.size(); i++) {
      AnswerSource s = sources.get(i);
      jdbc.update("INSERT INTO message_source (message_id, position, kind, label, reference) VALUES (?, ?, ?, ?, ?)",
          messageId, i, clip(s.kind(), 32), clip(s.label(), 1000), clip(s.reference(), 1000));
    }
  }

  /** The sources of every answer of a conversation that has any, by message id, each in its stored order. */
  public Map<Long, List<AnswerSource>> sources(long conversationId) {
    record Row(long messageId, AnswerSource source) {}
    List<Row> rows = jdbc.query("SELECT s.message_id, s.kind, s.label, s.reference FROM message_source s"
        + " JOIN message m ON m.id = s.message_id WHERE m.conversation_id = ? ORDER BY s.message_id, s.position",
        row -> new Row(row.getLong(1), new AnswerSource(row.getString(2), row.getString(3), row.getString(4))),
        conversationId);
    Map<Long, List<AnswerSource>> out = new LinkedHashMap<>();
    for (Row row : rows) {
      out.computeIfAbsent(row.messageId(), id -> new java.util.ArrayList<>()).add(row.source());
    }
    out.replaceAll((id, list) -> List.copyOf(list));
    return out;
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Answers that were streaming when the app died are marked interrupted; returns how many. */
  public int markStreamingAsInterrupted() {
    return jdbc.update("UPDATE message SET status = ? WHERE status = ?", MessageStatus.INTERRUPTED.name(),
        MessageStatus.STREAMING.name());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Conversation conversation(ResultSet row) throws SQLException {
    return new Conversation(row.getLong(1), row.getString(2), row.getString(3),
        new Sampling(row.getDouble(4), row.getDouble(5), row.getInt(6)), instant(row, 7), instant(row, 8));
  }

  private static Message message(ResultSet row) throws SQLException {
    return new Message(row.getLong(1), row.getLong(2), Role.valueOf(row.getString(3)), row.getString(4),
        MessageStatus.valueOf(row.getString(5)), instant(row, 6));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }
}
