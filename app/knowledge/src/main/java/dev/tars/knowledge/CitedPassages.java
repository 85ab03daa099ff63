package dev.tars.knowledge;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.store.KnowledgeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rebuilds a cited passage and the text around it from a document's stored chunks, for the citation viewer. */
final class CitedPassages {
  private final KnowledgeStore store;

  CitedPassages(KnowledgeStore store) {
    this.store = store;
  }

  /**
   * A cited passage with up to {@code around} characters of its document's text on each side, rebuilt from the
   * stored chunks (which overlap and may skip blank space between sections). Empty when the document was
   * removed or no longer holds those offsets (it changed and was indexed again).
   */
  Optional<CitedPassage> read(PassageReference ref, int around) {
    Optional<DocumentInfo> document = store.document(ref.documentId());
    if (document.isEmpty()) {
      return Optional.empty();
    }
    List<Chunk> chunks = new ArrayList<>(store.chunks(ref.documentId()));
    chunks.sort(java.util.Comparator.comparingInt(Chunk::start));
    StringBuilder text = new StringBuilder();
    List<int[]> segments = new ArrayList<>(); // {offset in the document, offset in text, length}
    int covered = -1;
    int page = 0;
    for (Chunk c : chunks) {
      if (c.end() <= covered) {
        continue;
      }
      int from = Math.max(c.start(), covered);
      if (covered >= 0 && from > covered) {
        text.append("\n\n");
      }
      segments.add(new int[] {from, text.length(), c.end() - from});
      text.append(c.text(), from - c.start(), c.text().length());
      covered = c.end();
      if (c.start() <= ref.start() && ref.start() < c.end() && page == 0) {
        page = c.page();
      }
    }
    int start = toText(segments, ref.start(), false);
    int end = toText(segments, ref.end(), true);
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    int beforeFrom = wordStart(text, Math.max(0, start - around));
    int afterTo = wordEnd(text, Math.min(text.length(), end + around));
    String before = (beforeFrom > 0 ? "…" : "") + text.substring(beforeFrom, start);
    String after = text.substring(end, afterTo) + (afterTo < text.length() ? "…" : "");
    int sentenceStart = toText(segments, ref.highlightStart(), false);
    int sentenceEnd = toText(segments, ref.highlightEnd(), true);
    if (sentenceStart < start || sentenceEnd < sentenceStart || sentenceEnd > end) {
      sentenceStart = start;
      sentenceEnd = end;
    }
    return Optional.of(new CitedPassage(document.get(), page, before, text.substring(start, end), after,
        sentenceStart - start, sentenceEnd - start));
  }

  /** Where document offset {@code offset} is in the rebuilt text; -1 when no chunk holds it. */
  private static int toText(List<int[]> segments, int offset, boolean isEnd) {
    for (int[] s : segments) {
      if (offset >= s[0] && (isEnd ? offset <= s[0] + s[2] : offset < s[0] + s[2])) {
        return s[1] + offset - s[0];
      }
    }
    return -1;
  }

  private static int wordStart(CharSequence text, int at) {
    int i = at;
    while (i > 0 && i < text.length() && !Character.isWhitespace(text.charAt(i - 1)) && at - i < 40) {
      i--;
    }
    return at - i >= 40 ? at : i;
  }

  private static int wordEnd(CharSequence text, int at) {
    int i = at;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && i - at < 40) {
      i++;
    }
    return i - at >= 40 ? at : i;
  }
}
