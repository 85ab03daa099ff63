package dev.tars.knowledge;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cited passage is: a document, character offsets in its extracted text, and the offsets of the sentence
 * that answered. Written into an answer's sources as {@code document:<id>:<start>-<end>:<from>-<to>}, so a
 * citation opens the passage, with its sentence marked, after a restart; references written before sentences
 * were kept ({@code document:<id>:<start>-<end>}) still open, with the whole passage marked.
 */
public record PassageReference(long documentId, int start, int end, int highlightStart, int highlightEnd) {
  private static final Pattern FORMAT = Pattern.compile(
      "document:(\\d{1,18}):(\\d{1,9})-(\\d{1,9})(?::(\\d{1,9})-(\\d{1,9}))?");

  public PassageReference {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad passage offsets " + start + "-" + end);
    }
    if (highlightStart < start || highlightEnd < highlightStart || highlightEnd > end) {
      highlightStart = start;
      highlightEnd = end;
    }
  }

  public PassageReference(long documentId, int start, int end) {
    this(documentId, start, end, start, end);
  }

  public static PassageReference of(Passage passage) {
    return new PassageReference(passage.documentId(), passage.start(), passage.end(), passage.highlightStart(),
        passage.highlightEnd());
  }

  /** The reference in {@code text}, or empty when it is not a document passage (a memory, a project). */
  public static Optional<PassageReference> parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text);
    if (!m.matches() || Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(2))) {
      return Optional.empty();
    }
    int start = Integer.parseInt(m.group(2));
    int end = Integer.parseInt(m.group(3));
    if (m.group(4) == null) {
      return Optional.of(new PassageReference(Long.parseLong(m.group(1)), start, end));
    }
    return Optional.of(new PassageReference(Long.parseLong(m.group(1)), start, end, Integer.parseInt(m.group(4)),
        Integer.parseInt(m.group(5))));
  }

  @Override
  public String toString() {
    return "document:" + documentId + ":" + start + "-" + end + ":" + highlightStart + "-" + highlightEnd;
  }
}
