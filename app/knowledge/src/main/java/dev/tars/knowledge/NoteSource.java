package dev.tars.knowledge;

import java.util.List;

/**
 * The person's notes, for answers that draw on them (the "Notes" entry of the Documents chooser). Notes live in
 * another feature (app/actions); the runtime connects it here, so the window and the CLI assemble the same
 * prompt. Blocking: called on the chat's background thread.
 */
@FunctionalInterface
public interface NoteSource {
  /**
   * A note that matches a question.
   *
   * @param reference what opens it, e.g. {@code note:12}
   */
  record NotePassage(String reference, String title, String text) {}

  /** The notes that best match {@code question}, best first; only ones that hold most of its words. */
  List<NotePassage> find(String question, int limit);
}
