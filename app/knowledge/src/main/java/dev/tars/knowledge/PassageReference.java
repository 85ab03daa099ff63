package dev.tars.knowledge;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cited passage is: a document and character offsets in its extracted text. Written into an answer's
 * sources as {@code document:<id>:<start>-<end>}, so a citation opens the passage after a restart.
 */
public record PassageReference(long documentId, int start, int end) {
  private static final Pattern FORMAT = Pattern.compile("document:(\\d{1,18}):(\\d{1,9})-(\\d{1,9})");

  public PassageReference {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad passage offsets " + start + "-" + end);
    }
  }

  public static PassageReference of(Passage passage) {
    return new PassageReference(passage.documentId(), passage.start(), passage.end());
  }

  /** The reference in {@code text}, or empty when it is not a document passage (a memory, a project). */
  public static Optional<PassageReference> parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text);
    if (!m.matches() || Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(2))) {
      return Optional.empty();
    }
    return Optional.of(new PassageReference(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3))));
  }

  @Override
  public String toString() {
    return "document:" + documentId + ":" + start + "-" + end;
  }
}
