package dev.tars.memory;

import dev.tars.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Memories and proposals in H2. Every method commits before it returns. */
final class MemoryStore {
  private static final String COLUMNS =
      "id, project_id, content, pinned, source_conversation_id, created_at, updated_at, last_used_at";
  private static final String PROPOSAL_COLUMNS =
      "id, project_id, content, origin, source_conversation_id, created_at";

  private final Jdbc jdbc;
  private final Clock clock;

  MemoryStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  long add(MemoryScope scope, String text, boolean pinned, long sourceConversationId) {
    OffsetDateTime now = now();
    return jdbc.insert("INSERT INTO memory (project_id, content, pinned, source_conversation_id, created_at,"
        + " updated_at) VALUES (?, ?, ?, ?, ?, ?)", scope.column(), text, pinned,
        sourceConversationId == 0 ? null : sourceConversationId, now, now);
  }

  Optional<Memory> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM memory WHERE id = ?", MemoryStore::memory, id);
  }

  /** Memories of exactly this scope, pinned first, newest first. */
  List<Memory> list(MemoryScope scope) {
    String where = scope.isGlobal() ? "project_id IS NULL" : "project_id = ?";
    Object[] params = scope.isGlobal() ? new Object[0] : new Object[] {scope.projectId()};
    return jdbc.query("SELECT " + COLUMNS + " FROM memory WHERE " + where
        + " ORDER BY pinned DESC, updated_at DESC, id DESC", MemoryStore::memory, params);
  }

  /** Global memories plus those of the project: what an answer in that project may use. */
  List<Memory> visibleIn(long projectId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM memory WHERE project_id IS NULL OR project_id = ?"
        + " ORDER BY pinned DESC, updated_at DESC, id DESC", MemoryStore::memory, projectId);
  }

  List<Memory> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM memory ORDER BY id", MemoryStore::memory);
  }

  int update(long id, MemoryScope scope, String text, boolean pinned) {
    return jdbc.update("UPDATE memory SET project_id = ?, content = ?, pinned = ?, updated_at = ? WHERE id = ?",
        scope.column(), text, pinned, now(), id);
  }

  int delete(long id) {
    return jdbc.update("DELETE FROM memory WHERE id = ?", id);
  }

  void markUsed(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    jdbc.update("UPDATE memory SET last_used_at = ? WHERE id IN (" + in + ")", now());
  }

  long propose(MemoryScope scope, String text, String normalized, String origin, long sourceConversationId) {
    return jdbc.insert("INSERT INTO memory_proposal (project_id, content, normalized, origin,"
        + " source_conversation_id, status, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?)", scope.column(), text,
        normalized, origin, sourceConversationId == 0 ? null : sourceConversationId, now());
  }

  boolean proposedBefore(String normalized) {
    return jdbc.queryOne("SELECT 1 FROM memory_proposal WHERE normalized = ?", row -> 1, normalized).isPresent();
  }

  List<Proposal> pending() {
    return jdbc.query("SELECT " + PROPOSAL_COLUMNS + " FROM memory_proposal WHERE status = 'PENDING' ORDER BY id",
        MemoryStore::proposal);
  }

  Optional<Proposal> pendingProposal(long id) {
    return jdbc.queryOne("SELECT " + PROPOSAL_COLUMNS + " FROM memory_proposal WHERE id = ? AND status = 'PENDING'",
        MemoryStore::proposal, id);
  }

  void settle(long proposalId, String status) {
    jdbc.update("UPDATE memory_proposal SET status = ? WHERE id = ?", status, proposalId);
  }

  long extractedUpTo(long conversationId) {
    return jdbc.queryOne("SELECT last_message_id FROM memory_extraction WHERE conversation_id = ?",
        row -> row.getLong(1), conversationId).orElse(0L);
  }

  void markExtracted(long conversationId, long lastMessageId) {
    jdbc.update("MERGE INTO memory_extraction (conversation_id, last_message_id) KEY (conversation_id) VALUES (?, ?)",
        conversationId, lastMessageId);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Memory memory(ResultSet row) throws SQLException {
    long project = row.getLong(2);
    MemoryScope scope = MemoryScope.fromColumn(project, row.wasNull());
    return new Memory(row.getLong(1), scope, row.getString(3), row.getBoolean(4), row.getLong(5),
        instant(row, 6), instant(row, 7), instant(row, 8));
  }

  private static Proposal proposal(ResultSet row) throws SQLException {
    long project = row.getLong(2);
    MemoryScope scope = MemoryScope.fromColumn(project, row.wasNull());
    return new Proposal(row.getLong(1), scope, row.getString(3), row.getString(4), row.getLong(5), instant(row, 6));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
