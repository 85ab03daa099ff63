package dev.tars.knowledge;

import dev.tars.storage.Jdbc;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The "answer from documents" choice of each conversation, in H2. A conversation nobody chose for follows its
 * project: on, with the project's default collections, when the project has any; off otherwise. Thread-safe;
 * every method commits before it returns.
 */
public final class ConversationDocuments {
  private final Jdbc jdbc;

  public ConversationDocuments(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  public DocumentChoice choice(long conversationId) {
    return jdbc.queryOne("SELECT enabled, notes FROM kn_conversation WHERE conversation_id = ?",
        row -> new boolean[] {row.getBoolean(1), row.getBoolean(2)}, conversationId)
        .map(flags -> new DocumentChoice(flags[0], jdbc.query(
            "SELECT collection_id FROM kn_conversation_collection WHERE conversation_id = ? ORDER BY collection_id",
            row -> row.getLong(1), conversationId), flags[1]))
        .orElseGet(() -> projectDefault(conversationId));
  }

  private DocumentChoice projectDefault(long conversationId) {
    return jdbc.queryOne("SELECT project_id FROM conversation WHERE id = ?", row -> row.getLong(1), conversationId)
        .map(this::forNewConversationIn).orElse(DocumentChoice.OFF);
  }

  /** What a new conversation in {@code projectId} starts with: on with the project's default collections, if any. */
  public DocumentChoice forNewConversationIn(long projectId) {
    // Collections deleted since the project chose them are left out (the table has no foreign key to them).
    List<Long> ids = jdbc.query("SELECT pc.collection_id FROM project_collection pc"
        + " JOIN kn_collection k ON k.id = pc.collection_id WHERE pc.project_id = ? ORDER BY pc.collection_id",
        row -> row.getLong(1), projectId);
    return ids.isEmpty() ? DocumentChoice.OFF : new DocumentChoice(true, ids);
  }

  /** Keeps the person's choice for a conversation; collections that no longer exist are dropped. */
  public void choose(long conversationId, DocumentChoice choice) {
    jdbc.inTransaction(c -> {
      try (PreparedStatement delete = Jdbc.prepare(c,
          "DELETE FROM kn_conversation WHERE conversation_id = ?", conversationId)) {
        delete.executeUpdate();
      }
      try (PreparedStatement insert = Jdbc.prepare(c,
          "INSERT INTO kn_conversation (conversation_id, enabled, notes) VALUES (?, ?, ?)", conversationId,
          choice.enabled(), choice.notes())) {
        insert.executeUpdate();
      }
      for (long collectionId : choice.collectionIds()) {
        try (PreparedStatement insert = Jdbc.prepare(c, "INSERT INTO kn_conversation_collection"
            + " (conversation_id, collection_id) SELECT ?, id FROM kn_collection WHERE id = ?",
            conversationId, collectionId)) {
          insert.executeUpdate();
        }
      }
      return null;
    });
  }
}
