package dev.tars.actions.notes;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Markdown note.
 *
 * @param tags words without {@code #}, lower case
 * @param projectId the project it belongs to, or null for none
 */
public record Note(long id, String title, String body, List<String> tags, Long projectId, Instant createdAt,
    Instant updatedAt) {
  public Note {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    tags = List.copyOf(tags);
  }

  /** What a new note or an edit holds; the store sets id and times. */
  public record Draft(String title, String body, List<String> tags, Long projectId) {
    public Draft {
      Objects.requireNonNull(body, "body");
      title = title == null || title.isBlank() ? titleFrom(body) : title.strip();
      tags = tags == null ? List.of() : tags.stream().map(t -> t.strip().replaceFirst("^#", "")
          .toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty() && !t.contains(" ")).distinct().toList();
    }

    /** A note whose title is its first line (without Markdown heading marks), as a quick note has. */
    public static Draft of(String text) {
      return new Draft(null, text, List.of(), null);
    }
  }

  public Draft draft() {
    return new Draft(title, body, tags, projectId);
  }

  static String titleFrom(String body) {
    String first = body.strip().lines().findFirst().orElse("").replaceFirst("^#+\\s*", "").strip();
    return first.length() <= 80 ? first : first.substring(0, 79) + "…";
  }
}
