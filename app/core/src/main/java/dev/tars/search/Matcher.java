package dev.tars.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scores a text against a query and cuts a snippet around the best matches. A word matches where a word of
 * the text starts with it ("unit" finds "units"). The score rewards, in this order: finding every word of the
 * query (coverage, squared), the whole query as a phrase, and repeated matches (log-damped).
 */
public final class Matcher {
  static final int SNIPPET_LENGTH = 160;

  private final Query query;
  private final List<Pattern> patterns;

  public Matcher(Query query) {
    this.query = query;
    this.patterns = query.words().stream()
        .map(w -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
        .toList();
  }

  /** 0 when no word matches; otherwise within about (0, 4]. */
  public double score(String text) {
    if (patterns.isEmpty() || text.isEmpty()) {
      return 0;
    }
    int found = 0;
    double frequency = 0;
    for (Pattern p : patterns) {
      long count = p.matcher(text).results().count();
      if (count > 0) {
        found++;
        frequency += Math.log1p(count);
      }
    }
    if (found == 0) {
      return 0;
    }
    double coverage = (double) found / patterns.size();
    double phrase = patterns.size() > 1 && text.toLowerCase(Locale.ROOT)
        .contains(query.text().toLowerCase(Locale.ROOT)) ? 0.5 : 0;
    return 2 * coverage * coverage + phrase + 0.3 * frequency / patterns.size();
  }

  /** An excerpt of about {@link #SNIPPET_LENGTH} characters around the densest matches, matches marked. */
  public Snippet snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    List<Snippet.Highlight> all = matches(flat);
    int start = 0;
    if (flat.length() > SNIPPET_LENGTH && !all.isEmpty()) {
      int bestCount = -1;
      for (Snippet.Highlight h : all) {
        int from = Math.max(0, h.start() - 30);
        int count = (int) all.stream().filter(o -> o.start() >= from && o.end() <= from + SNIPPET_LENGTH).count();
        if (count > bestCount) {
          bestCount = count;
          start = from;
        }
      }
      int space = flat.lastIndexOf(' ', start);
      start = start == 0 || space < 0 || start - space > 15 ? start : space + 1;
    }
    int end = Math.min(flat.length(), start + SNIPPET_LENGTH);
    if (end < flat.length()) {
      int space = flat.lastIndexOf(' ', end);
      end = space > start + SNIPPET_LENGTH / 2 ? space : end;
    }
    String prefix = start > 0 ? "…" : "";
    String suffix = end < flat.length() ? "…" : "";
    String body = flat.substring(start, end);
    List<Snippet.Highlight> inside = new ArrayList<>();
    for (Snippet.Highlight h : all) {
      if (h.start() >= start && h.end() <= end) {
        inside.add(new Snippet.Highlight(h.start() - start + prefix.length(), h.end() - start + prefix.length()));
      }
    }
    return new Snippet(prefix + body + suffix, inside);
  }

  private List<Snippet.Highlight> matches(String text) {
    List<Snippet.Highlight> found = new ArrayList<>();
    for (Pattern p : patterns) {
      p.matcher(text).results().forEach(r -> found.add(new Snippet.Highlight(r.start(), r.end())));
    }
    found.sort(Comparator.comparingInt(Snippet.Highlight::start).thenComparingInt(h -> -h.end()));
    List<Snippet.Highlight> merged = new ArrayList<>();
    for (Snippet.Highlight h : found) {
      Snippet.Highlight last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && h.start() < last.end()) {
        merged.set(merged.size() - 1, new Snippet.Highlight(last.start(), Math.max(last.end(), h.end())));
      } else {
        merged.add(h);
      }
    }
    return merged;
  }
}
