package dev.tars.search;

import java.util.List;

/**
 * A short excerpt with the spans that matched the query, for the UI to show in bold.
 *
 * @param highlights non-overlapping, in order, within {@code text}
 */
public record Snippet(String text, List<Highlight> highlights) {
  public Snippet {
    highlights = List.copyOf(highlights);
  }

  /** Characters {@code start} (inclusive) to {@code end} (exclusive) of the snippet matched. */
  public record Highlight(int start, int end) {}

  /** The snippet with matches wrapped in {@code open} and {@code close}, e.g. for Markdown or the CLI. */
  public String marked(String open, String close) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Highlight h : highlights) {
      out.append(text, at, h.start()).append(open).append(text, h.start(), h.end()).append(close);
      at = h.end();
    }
    return out.append(text.substring(at)).toString();
  }
}
