package dev.tars.actions.activity;

import java.time.Instant;

/**
 * One action in the log.
 *
 * @param kind what was done, e.g. {@code note.create}, {@code event.delete}, {@code undo}
 * @param subjectId the note, event, reminder or memory it changed (0 for an import; see {@code after})
 * @param summary what changed, in the person's words (title or text), for the Activity page
 * @param before the subject before the change (JSON), null for a creation
 * @param after the subject after the change (JSON), null for a deletion
 * @param undoable whether Undo can reverse it (and it was not undone yet: {@code undoneAt} is null)
 * @param undoOf for an {@code undo} entry, the entry it reversed
 * @param client the program that asked, for other programs ({@link Origin#MCP}: the MCP client's name); else empty
 */
public record ActivityEntry(long id, Instant at, Origin origin, String kind, long subjectId, String summary,
    String before, String after, boolean undoable, Instant undoneAt, Long undoOf, String client) {

  public boolean canUndo() {
    return undoable && undoneAt == null;
  }
}
