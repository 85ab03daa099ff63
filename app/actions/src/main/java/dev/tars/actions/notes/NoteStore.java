package dev.tars.actions.notes;

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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes in H2, with their search terms ({@link NoteTerms}) kept in the same row, and the editor's drafts.
 * Thread-safe (each call its own connection).
 */
public final class NoteStore {
  private static final Logger LOG = LoggerFactory.getLogger(NoteStore.class);
  static final int SNIPPET_LENGTH = 160;
  private static final String COLUMNS = "id, title, body, tags, project_id, created_at, updated_at";

  private final Jdbc jdbc;
  private final Clock clock;

  public NoteStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
    fillMissingTerms();
  }

  public Note add(Note.Draft draft) {
    Instant now = clock.instant();
    long id = jdbc.insert("INSERT INTO note (title, body, tags, project_id, created_at, updated_at, search_terms)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", draft.title(), draft.body(), String.join(" ", draft.tags()),
        draft.projectId(), utc(now), utc(now), terms(draft.title(), draft.body(), draft.tags()));
    return find(id).orElseThrow();
  }

  /** Puts back a note exactly as it was (same id and times): undoing its deletion. */
  public void restore(Note note) {
    jdbc.update("INSERT INTO note (" + COLUMNS + ", search_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", note.id(),
        note.title(), note.body(), String.join(" ", note.tags()), note.projectId(), utc(note.createdAt()),
        utc(note.updatedAt()), terms(note.title(), note.body(), note.tags()));
  }

  public Note update(long id, Note.Draft draft) {
    int changed = jdbc.update("UPDATE note SET title = ?, body = ?, tags = ?, project_id = ?, updated_at = ?,"
        + " search_terms = ? WHERE id = ?", draft.title(), draft.body(), String.join(" ", draft.tags()),
        draft.projectId(), utc(clock.instant()), terms(draft.title(), draft.body(), draft.tags()), id);
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

  /**
   * Notes holding the words of {@code text}, best first: accents and word forms do not matter, in English and
   * Spanish ({@link NoteTerms}). The score is about {@code 2 * coverage^2} (coverage: the share of the query's
   * words the note holds) plus up to 0.5 for words in the title, on the scale of Ctrl+K's other sources.
   */
  public List<Hit> search(String text, int limit) {
    List<Set<String>> words = NoteTerms.words(text == null ? "" : text).stream().map(NoteTerms.Word::stems)
        .distinct().toList();
    if (words.isEmpty() || limit <= 0) {
      return List.of();
    }
    Set<String> stems = new LinkedHashSet<>();
    words.forEach(stems::addAll);
    String where = String.join(" OR ", Collections.nCopies(stems.size(), "search_terms LIKE ?"));
    Object[] params = stems.stream().map(stem -> "% " + stem + " %").toArray();
    List<Hit> hits = new ArrayList<>();
    for (Note note : jdbc.query("SELECT " + COLUMNS + " FROM note WHERE " + where, NoteStore::map, params)) {
      Set<String> all = NoteTerms.of(note.title() + "\n" + note.body() + "\n" + String.join(" ", note.tags()));
      Set<String> title = NoteTerms.of(note.title() + " " + String.join(" ", note.tags()));
      long found = words.stream().filter(w -> w.stream().anyMatch(all::contains)).count();
      long inTitle = words.stream().filter(w -> w.stream().anyMatch(title::contains)).count();
      if (found == 0) {
        continue;
      }
      double coverage = (double) found / words.size();
      double score = 2 * coverage * coverage + 0.5 * inTitle / words.size();
      String shown = note.body().isBlank() ? note.title() : note.body();
      hits.add(new Hit(note, score, NoteTerms.snippet(shown, stems, SNIPPET_LENGTH)));
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed()
        .thenComparing(h -> h.note().updatedAt(), Comparator.reverseOrder()));
    return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
  }

  /** Computes the search terms of notes that have none yet (written before search terms existed). */
  private void fillMissingTerms() {
    List<Note> missing = jdbc.query("SELECT " + COLUMNS + " FROM note WHERE search_terms IS NULL", NoteStore::map);
    for (Note note : missing) {
      jdbc.update("UPDATE note SET search_terms = ? WHERE id = ?", terms(note.title(), note.body(), note.tags()),
          note.id());
    }
    if (!missing.isEmpty()) {
      LOG.info("Computed the search terms of {} notes", missing.size());
    }
  }

  private static String terms(String title, String body, List<String> tags) {
    return NoteTerms.column(title + "\n" + body + "\n" + String.join(" ", tags));
  }

  /**
   * Keeps what the editor holds for note {@code id} (not yet recorded as an edit), replacing an earlier draft.
   * Cheap and durable: called every second or so while the person types.
   */
  public void saveDraft(long id, Note.Draft draft) {
    jdbc.update("MERGE INTO note_draft (note_id, title, body, tags, project_id, saved_at) KEY (note_id)"
        + " VALUES (?, ?, ?, ?, ?, ?)", id, draft.title(), draft.body(), String.join(" ", draft.tags()),
        draft.projectId(), utc(clock.instant()));
  }

  /** Drafts left by the editor, by note id: text typed but not recorded as an edit (a crash, a kill). */
  public Map<Long, Note.Draft> drafts() {
    Map<Long, Note.Draft> drafts = new LinkedHashMap<>();
    jdbc.query("SELECT note_id, title, body, tags, project_id FROM note_draft ORDER BY saved_at", row -> {
      String tags = row.getString("tags").strip();
      long project = row.getLong("project_id");
      Long projectId = row.wasNull() ? null : project;
      drafts.put(row.getLong("note_id"), new Note.Draft(row.getString("title"), row.getString("body"),
          tags.isEmpty() ? List.of() : Arrays.asList(tags.split("\\s+")), projectId));
      return null;
    });
    return drafts;
  }

  public void discardDraft(long id) {
    jdbc.update("DELETE FROM note_draft WHERE note_id = ?", id);
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
