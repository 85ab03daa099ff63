package dev.tars.projects;

import dev.tars.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Projects in H2. Every method commits before it returns. */
final class ProjectStore {
  private static final String COLUMNS = "id, name, instructions, default_model, created_at";

  private final Jdbc jdbc;
  private final Clock clock;

  ProjectStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  long create(String name, String instructions, String defaultModel) {
    return jdbc.insert("INSERT INTO project (name, instructions, default_model, created_at) VALUES (?, ?, ?, ?)",
        name, instructions, defaultModel, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  List<Project> list() {
    return jdbc.query("SELECT " + COLUMNS + " FROM project ORDER BY CASE WHEN id = 1 THEN 0 ELSE 1 END, LOWER(name), id", this::project);
  }

  Optional<Project> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM project WHERE id = ?", this::project, id);
  }

  Optional<Project> findByName(String name) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM project WHERE LOWER(name) = LOWER(?)", this::project, name);
  }

  void update(long id, String name, String instructions, String defaultModel, List<Long> collectionIds) {
    jdbc.inTransaction(c -> {
      try (PreparedStatement s = Jdbc.prepare(c,
          "UPDATE project SET name = ?, instructions = ?, default_model = ? WHERE id = ?",
          name, instructions, defaultModel, id)) {
        s.executeUpdate();
      }
      try (PreparedStatement s = Jdbc.prepare(c, "DELETE FROM project_collection WHERE project_id = ?", id)) {
        s.executeUpdate();
      }
      for (long collection : collectionIds.stream().distinct().toList()) {
        try (PreparedStatement s = Jdbc.prepare(c,
            "INSERT INTO project_collection (project_id, collection_id) VALUES (?, ?)", id, collection)) {
          s.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Deletes the project after moving its conversations and memories to the default project. */
  void deleteMovingContentTo(long id, long heir) {
    jdbc.inTransaction(c -> {
      for (String sql : List.of("UPDATE conversation SET project_id = ? WHERE project_id = ?",
          "UPDATE memory SET project_id = ? WHERE project_id = ?",
          "UPDATE memory_proposal SET project_id = ? WHERE project_id = ?")) {
        try (PreparedStatement s = Jdbc.prepare(c, sql, heir, id)) {
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = Jdbc.prepare(c, "DELETE FROM project WHERE id = ?", id)) {
        s.executeUpdate();
      }
      return null;
    });
  }

  OptionalLong projectOf(long conversationId) {
    return jdbc.queryOne("SELECT project_id FROM conversation WHERE id = ?", row -> row.getLong(1), conversationId)
        .map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  int moveConversation(long conversationId, long projectId) {
    return jdbc.update("UPDATE conversation SET project_id = ? WHERE id = ?", projectId, conversationId);
  }

  List<Long> conversationIds(long projectId) {
    return jdbc.query("SELECT id FROM conversation WHERE project_id = ? AND deleted_at IS NULL"
        + " ORDER BY updated_at DESC, id DESC", row -> row.getLong(1), projectId);
  }

  private Project project(ResultSet row) throws SQLException {
    long id = row.getLong(1);
    List<Long> collections = new ArrayList<>(jdbc.query(
        "SELECT collection_id FROM project_collection WHERE project_id = ? ORDER BY collection_id",
        r -> r.getLong(1), id));
    return new Project(id, row.getString(2), row.getString(3), row.getString(4), collections,
        row.getObject(5, OffsetDateTime.class).toInstant());
  }
}
