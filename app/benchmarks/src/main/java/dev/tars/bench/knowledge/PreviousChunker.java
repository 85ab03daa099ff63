package dev.tars.bench.knowledge;

import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.parse.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunker Tars used before issue 19 (kept here only so the benchmark can compare the embedding cost of the
 * two passage shapes on the same documents in one run). Cuts a document's blocks into passages of about 200-400 tokens. A heading or a new page starts a new
 * passage, so a passage never spans two sections or two pages (its citation stays exact); a long section is
 * cut at paragraph, sentence or word boundaries, and consecutive pieces of one section overlap so an answer
 * that straddles a cut is still found whole in one of them. Tokens are estimated as characters / 4, which is
 * close for English with a WordPiece vocabulary and leaves headroom under the model's 512-token limit.
 */
final class PreviousChunker {
  /** Characters per token, roughly, for English text and BERT-style vocabularies. */
  public static final int CHARS_PER_TOKEN = 4;

  private final int maxChars;
  private final int minChars;
  private final int overlapChars;

  PreviousChunker(int maxTokens, int minTokens, int overlapTokens) {
    if (minTokens > maxTokens || overlapTokens * 2 > maxTokens) {
      throw new IllegalArgumentException("need min <= max and overlap <= max/2");
    }
    this.maxChars = maxTokens * CHARS_PER_TOKEN;
    this.minChars = minTokens * CHARS_PER_TOKEN;
    this.overlapChars = overlapTokens * CHARS_PER_TOKEN;
  }

  /** ~400-token passages, at least ~200 where the structure allows, ~50 tokens of overlap. */
  static PreviousChunker standard() {
    return new PreviousChunker(400, 200, 50);
  }

  private record Segment(int start, int end, int page, boolean heading) {}

  public List<Chunk> chunk(List<Block> blocks) {
    String text = Chunker.fullText(blocks);
    List<Segment> segments = new ArrayList<>();
    int pos = 0;
    for (Block b : blocks) {
      int start = pos;
      int end = start + b.text().length();
      splitLong(text, start, end, b.page(), b.heading(), segments);
      pos = end + 2;
    }
    List<Chunk> chunks = new ArrayList<>();
    int chunkStart = -1;
    int chunkEnd = -1;
    int chunkPage = 0;
    boolean onlyHeadings = true;
    for (Segment s : segments) {
      if (chunkStart >= 0) {
        boolean newSection = s.heading() && !onlyHeadings && chunkEnd - chunkStart >= minChars / 2;
        boolean newPage = s.page() != chunkPage;
        boolean tooLong = s.end() - chunkStart > maxChars;
        if (newSection || newPage || tooLong) {
          chunks.add(make(text, chunks.size(), chunkPage, chunkStart, chunkEnd));
          if (tooLong && !newSection && !newPage) {
            int overlapStart = wordStartAfter(text, Math.max(chunkEnd - overlapChars, chunkStart + 1), chunkEnd);
            chunkStart = overlapStart < s.start() && s.end() - overlapStart <= maxChars ? overlapStart : s.start();
          } else {
            chunkStart = s.start();
          }
          onlyHeadings = true;
        }
      } else {
        chunkStart = s.start();
      }
      chunkEnd = s.end();
      chunkPage = s.page();
      onlyHeadings &= s.heading();
    }
    if (chunkStart >= 0) {
      chunks.add(make(text, chunks.size(), chunkPage, chunkStart, chunkEnd));
    }
    return chunks;
  }

  private static Chunk make(String text, int ordinal, int page, int start, int end) {
    return new Chunk(ordinal, page, start, end, text.substring(start, end));
  }

  /** Splits a block longer than the limit at sentence (else word, else hard) boundaries. */
  private void splitLong(String text, int start, int end, int page, boolean heading, List<Segment> out) {
    int limit = maxChars - overlapChars;
    while (end - start > limit) {
      int cut = lastBoundary(text, start + minChars, start + limit);
      out.add(new Segment(start, cut, page, heading));
      start = cut;
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
    }
    if (end > start) {
      out.add(new Segment(start, end, page, heading));
    }
  }

  private static int lastBoundary(String text, int from, int to) {
    for (int i = to; i > from; i--) {
      char c = text.charAt(i - 1);
      if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    for (int i = to; i > from; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return to;
  }

  private static int wordStartAfter(String text, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return limit;
  }
}
