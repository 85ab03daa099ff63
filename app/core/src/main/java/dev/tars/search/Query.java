package dev.tars.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What the person typed, split into the words that must be found. Words shorter than two characters are
 * ignored; quoted text is not special (every word counts, the whole phrase earns a bonus).
 */
public record Query(String text, List<String> words) {
  public Query {
    words = List.copyOf(words);
  }

  public static Query of(String text) {
    String clean = text == null ? "" : text.strip();
    LinkedHashSet<String> words = new LinkedHashSet<>();
    for (String w : clean.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 2) {
        words.add(w);
      }
    }
    return new Query(clean, new ArrayList<>(words));
  }

  public boolean isEmpty() {
    return words.isEmpty();
  }

  /** SQL LIKE patterns, one per word, lower case and escaped with backslash. */
  List<String> likePatterns() {
    return words.stream().map(w -> "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        .toList();
  }
}
