package dev.tars.actions.notes;

import dev.tars.search.Matcher;
import dev.tars.search.Query;
import dev.tars.search.Snippet;
import dev.tars.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Notes in H2. Search: every note holding any query word (SQL LIKE over title, body and tags) is scored with
 * the same {@link Matcher} Ctrl+K uses, best first. Thread-safe (each call its own connection).
 */
public final class NoteStore {
  private static final String COLUMNS = "id, title, body, tags, project_id, created_at, updated_at";

  private final Jdbc jdbc;
  private final Clock clock;

  public NoteStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  public Note add(Note.Draft draft) {
    Instant now = clock.instant();
    long id = jdbc.insert("INSERT INTO note (title, body, tags, project_id, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", draft.title(), draft.body(), String.join(" ", draft.tags()),
        draft.projectId(), utc(now), utc(now));
    return find(id).orElseThrow();
  }

  /** Puts back a note exactly as it was (same id and times): undoing its deletion. */
  public void restore(Note note) {
    jdbc.update("INSERT INTO note (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", note.id(), note.title(),
        note.body(), String.join(" ", note.tags()), note.projectId(), utc(note.createdAt()), utc(note.updatedAt()));
  }

  public Note update(long id, Note.Draft draft) {
    int changed = jdbc.update("UPDATE note SET title = ?, body = ?, tags = ?, project_id = ?, updated_at = ?"
        + " WHERE id = ?", draft.title(), draft.body(), String.join(" ", draft.tags()), draft.projectId(),
        utc(clock.instant()), id);
    if (changed == 0) {
      throw new IllegalArgumentException("No note " + id);
    }
    return find(id).orElseThrow();
  }

  public boolean delete(long id) {
    return jdbc.update("DELETE FROM note WHERE id = ?", id) > 0;
  }

  public Optional<Note> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM note WHERE id = ?", NoteStore::map, id);
  }

  /** Newest first. */
  public List<Note> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM note ORDER BY updated_at DESC, id DESC", NoteStore::map);
  }

  /** A note found by {@link #search}, with an excerpt around the matches. */
  public record Hit(Note note, double score, Snippet snippet) {}

  public List<Hit> search(String text, int limit) {
    Query query = Query.of(text);
    if (query.isEmpty()) {
      return List.of();
    }
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (String word : query.words()) {
      where.append(where.isEmpty() ? "" : " OR ")
          .append("LOWER(title || ' ' || body || ' ' || tags) LIKE ? ESCAPE '\\'");
      params.add("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    Matcher matcher = new Matcher(query);
    List<Hit> hits = new ArrayList<>();
    for (Note note : jdbc.query("SELECT " + COLUMNS + " FROM note WHERE " + where, NoteStore::map,
        params.toArray())) {
      String all = note.title() + "\n" + note.body() + "\n" + String.join(" ", note.tags());
      double score = matcher.score(all);
      if (score > 0) {
        hits.add(new Hit(note, score, matcher.snippet(note.body().isBlank() ? note.title() : note.body())));
      }
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed()
        .thenComparing(h -> h.note().updatedAt(), Comparator.reverseOrder()));
    return hits.subList(0, Math.min(Math.max(limit, 0), hits.size()));
  }

  private static Note map(ResultSet row) throws SQLException {
    String tags = row.getString("tags").strip();
    long project = row.getLong("project_id");
    Long projectId = row.wasNull() ? null : project;
    return new Note(row.getLong("id"), row.getString("title"), row.getString("body"),
        tags.isEmpty() ? List.of() : Arrays.asList(tags.split("\\s+")), projectId,
        row.getObject("created_at", OffsetDateTime.class).toInstant(),
        row.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
