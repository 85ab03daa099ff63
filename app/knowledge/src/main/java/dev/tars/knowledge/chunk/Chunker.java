package dev.tars.knowledge.chunk;

import dev.tars.knowledge.parse.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document into small units for search and gives each the larger passage around it ("small to big").
 *
 * <p>A unit is one or more whole sentences of one section, at most about {@code unitTokens} long: short
 * blocks (list items, table rows, short paragraphs) are kept together, a block boundary is preferred as a cut,
 * and a sentence longer than a unit is cut between words. Small units let the question's words and meaning
 * decide between neighbouring facts that a 400-token chunk would blur together. The unit's context is the
 * blocks around it in the same section and page, grown a block at a time on both sides up to about
 * {@code contextTokens}; that is what the model reads and the passage view shows. Units do not overlap and,
 * with the headings they start with, cover the whole text, so a cited offset can always be found again.
 * Sizes were chosen by measurement (docs/decisions/1301-passage-shape-and-reranking.md). Tokens are estimated
 * as characters / 4.
 */
public final class Chunker {
  /** Characters per token, roughly, for English text and BERT-style vocabularies. */
  public static final int CHARS_PER_TOKEN = 4;

  private final int unitChars;
  private final int contextChars;

  public Chunker(int unitTokens, int contextTokens) {
    if (unitTokens < 8 || contextTokens < unitTokens) {
      throw new IllegalArgumentException("need unit >= 8 tokens and context >= unit");
    }
    this.unitChars = unitTokens * CHARS_PER_TOKEN;
    this.contextChars = contextTokens * CHARS_PER_TOKEN;
  }

  /** Units of up to ~100 tokens in contexts of up to ~300 (the measured choice). */
  public static Chunker standard() {
    return new Chunker(100, 300);
  }

  /** The text chunk offsets refer to: the blocks joined by blank lines. */
  public static String fullText(List<Block> blocks) {
    StringBuilder sb = new StringBuilder();
    for (Block b : blocks) {
      if (!sb.isEmpty()) {
        sb.append("\n\n");
      }
      sb.append(b.text());
    }
    return sb.toString();
  }

  private record Span(int start, int end, int page, boolean heading) {
    int length() {
      return end - start;
    }
  }

  /** A piece of a unit: a sentence (or a cut of a long one) of block {@code block}. */
  private record Piece(int start, int end, int block, boolean heading) {}

  public List<Chunk> chunk(List<Block> blocks) {
    String text = fullText(blocks);
    List<Span> spans = new ArrayList<>();
    int pos = 0;
    for (Block b : blocks) {
      spans.add(new Span(pos, pos + b.text().length(), b.page(), b.heading()));
      pos += b.text().length() + 2;
    }
    List<Chunk> out = new ArrayList<>();
    int from = 0;
    while (from < spans.size()) {
      int to = sectionEnd(spans, from);
      chunkSection(text, spans.subList(from, to), out);
      from = to;
    }
    return out;
  }

  /** A section runs from its headings to just before the next heading that follows body text, or a new page. */
  private static int sectionEnd(List<Span> spans, int from) {
    boolean body = false;
    for (int i = from; i < spans.size(); i++) {
      Span s = spans.get(i);
      if (i > from && (s.page() != spans.get(from).page() || s.heading() && body)) {
        return i;
      }
      body |= !s.heading();
    }
    return spans.size();
  }

  private void chunkSection(String text, List<Span> section, List<Chunk> out) {
    StringBuilder heading = new StringBuilder();
    for (Span s : section) {
      if (!s.heading()) {
        break;
      }
      heading.append(heading.isEmpty() ? "" : " › ").append(text, s.start(), s.end());
    }
    List<Piece> pieces = new ArrayList<>();
    for (int b = 0; b < section.size(); b++) {
      Span s = section.get(b);
      for (int[] sentence : sentences(text, s.start(), s.end())) {
        pieces.add(new Piece(sentence[0], sentence[1], b, s.heading()));
      }
    }
    int unitStart = -1;
    int unitEnd = -1;
    int firstBlock = 0;
    int lastBlock = 0;
    boolean onlyHeadings = true;
    for (Piece p : pieces) {
      if (unitStart >= 0 && !onlyHeadings) {
        boolean tooLong = p.end() - unitStart > unitChars;
        boolean newBlock = p.block() != lastBlock && unitEnd - unitStart >= unitChars / 3;
        if (tooLong || newBlock || p.heading()) {
          out.add(unit(text, section, out.size(), unitStart, unitEnd, firstBlock, lastBlock, heading.toString()));
          unitStart = -1;
        }
      }
      if (unitStart < 0) {
        unitStart = p.start();
        firstBlock = p.block();
        onlyHeadings = true;
      }
      unitEnd = p.end();
      lastBlock = p.block();
      onlyHeadings &= p.heading();
    }
    if (unitStart >= 0) {
      out.add(unit(text, section, out.size(), unitStart, unitEnd, firstBlock, lastBlock, heading.toString()));
    }
  }

  private Chunk unit(String text, List<Span> section, int ordinal, int start, int end, int firstBlock, int lastBlock,
      String heading) {
    int from = firstBlock;
    int to = lastBlock;
    int contextStart = section.get(from).start();
    int contextEnd = section.get(to).end();
    if (contextEnd - contextStart > contextChars) {
      // The unit sits in a block longer than a context: a window around it, cut between sentences or words.
      int blockStart = contextStart;
      int blockEnd = contextEnd;
      int half = Math.max(0, contextChars - (end - start)) / 2;
      contextStart = sentenceStartAtOrAfter(text, Math.max(blockStart, start - half), start);
      int remaining = Math.max(0, contextChars - (end - contextStart));
      contextEnd = sentenceEndAtOrBefore(text, Math.min(blockEnd, end + remaining), end);
    } else {
      boolean grew = true;
      while (grew) {
        grew = false;
        if (from > 0 && contextEnd - section.get(from - 1).start() <= contextChars) {
          contextStart = section.get(--from).start();
          grew = true;
        }
        if (to < section.size() - 1 && section.get(to + 1).end() - contextStart <= contextChars) {
          contextEnd = section.get(++to).end();
          grew = true;
        }
      }
    }
    return new Chunk(ordinal, section.get(firstBlock).page(), start, end, text.substring(start, end), contextStart,
        contextEnd, text.substring(contextStart, contextEnd), heading);
  }

  /**
   * Sentences of {@code text[start, end)} as {start, end} pairs without surrounding space; a sentence longer than
   * a unit is cut between words.
   */
  List<int[]> sentences(String text, int start, int end) {
    List<int[]> out = new ArrayList<>();
    int s = start;
    for (int i = start; i < end; i++) {
      if (isSentenceEnd(text, i, end) || i + 1 - s >= unitChars) {
        int cut = i + 1;
        if (!isSentenceEnd(text, i, end) && i + 1 < end) {
          cut = lastSpace(text, s, i + 1);
        }
        addTrimmed(text, s, cut, out);
        s = cut;
        i = cut - 1;
      }
    }
    addTrimmed(text, s, end, out);
    return out;
  }

  /** Splits sentences only: no length limit cuts them. */
  private static final Chunker SENTENCES_ONLY = new Chunker(Integer.MAX_VALUE / (2 * CHARS_PER_TOKEN),
      Integer.MAX_VALUE / (2 * CHARS_PER_TOKEN));

  /** The offsets of the sentences in a passage, for highlighting; the same rule units are built with. */
  public static List<int[]> sentenceSpans(String text) {
    return SENTENCES_ONLY.sentences(text, 0, text.length());
  }

  private static boolean isSentenceEnd(String text, int i, int end) {
    char c = text.charAt(i);
    boolean followedBySpace = i + 1 >= end || Character.isWhitespace(text.charAt(i + 1));
    if ((c == '.' || c == '!' || c == '?') && followedBySpace) {
      return true;
    }
    // A blank line (after a heading, between blocks) and a line that ends a list item or a label ("Options:")
    // end a sentence; a wrapped line does not.
    return c == '\n' && (i + 1 < end && text.charAt(i + 1) == '\n' || i > 0 && ":;.!?".indexOf(text.charAt(i - 1)) >= 0);
  }

  private static int lastSpace(String text, int from, int to) {
    for (int i = to - 1; i > from; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return to;
  }

  private static void addTrimmed(String text, int start, int end, List<int[]> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new int[] {start, end});
    }
  }

  private static int sentenceStartAtOrAfter(String text, int at, int limit) {
    for (int i = Math.max(1, at); i < limit; i++) {
      if (Character.isWhitespace(text.charAt(i - 1)) && ".!?\n".indexOf(text.charAt(Math.max(0, i - 2))) >= 0) {
        return i;
      }
    }
    for (int i = Math.max(1, at); i < limit; i++) {
      if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return limit;
  }

  private static int sentenceEndAtOrBefore(String text, int at, int limit) {
    int top = Math.min(at, text.length());
    for (int i = top; i > limit; i--) {
      if (".!?".indexOf(text.charAt(i - 1)) >= 0 && (i == text.length() || Character.isWhitespace(text.charAt(i)))) {
        return i;
      }
    }
    for (int i = top; i > limit; i--) {
      if (i == text.length() || Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return limit;
  }
}
