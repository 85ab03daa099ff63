package dev.tars.actions.router;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * An utterance split into tokens, each with the person's own spelling ({@code raw}) and a normalized form
 * (lower case, no accents, typos corrected, number words as digits) that the rules read. The rules match
 * regular expressions over {@link #normalized()}, where tokens are joined by single spaces, and map a match
 * back to token positions so that free text can be given back in the person's own words.
 */
final class Utterance {
  /** One word or punctuation mark. */
  record Token(String raw, String norm) {}

  private static final String LEADING_MARKS = "¿¡\"'“”«(‘`";
  private static final String TRAILING_MARKS = "?!.,;:)\"'”»’…";

  private final List<Token> tokens;
  private final String normalized;
  private final int[] starts;

  private Utterance(List<Token> tokens) {
    this.tokens = List.copyOf(tokens);
    this.starts = new int[tokens.size()];
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        joined.append(' ');
      }
      starts[i] = joined.length();
      joined.append(tokens.get(i).norm());
    }
    this.normalized = joined.toString();
  }

  /** Splits on white space and peels punctuation off word edges; tokens are only lower-cased and unaccented. */
  static Utterance of(String text) {
    List<Token> tokens = new ArrayList<>();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      int from = 0;
      int to = word.length();
      List<Token> trailing = new ArrayList<>();
      while (from < to && LEADING_MARKS.indexOf(word.charAt(from)) >= 0) {
        from++;
      }
      while (to > from && TRAILING_MARKS.indexOf(word.charAt(to - 1)) >= 0) {
        String mark = word.substring(to - 1, to);
        trailing.addFirst(new Token(mark, mark));
        to--;
      }
      if (to > from) {
        String raw = word.substring(from, to);
        tokens.add(new Token(raw, fold(raw)));
      }
      tokens.addAll(trailing);
    }
    return new Utterance(tokens);
  }

  /** Lower case without accents; typographic apostrophes become plain ones. */
  static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'');
    return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }

  /** The same tokens with new normalized forms (one for one). */
  Utterance withNorms(List<String> norms) {
    List<Token> changed = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      changed.add(new Token(tokens.get(i).raw(), norms.get(i)));
    }
    return new Utterance(changed);
  }

  List<Token> tokens() {
    return tokens;
  }

  int size() {
    return tokens.size();
  }

  String normalized() {
    return normalized;
  }

  /** The first token that starts at or after {@code charIndex} of {@link #normalized()}. */
  int tokenAtOrAfter(int charIndex) {
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] >= charIndex) {
        return i;
      }
    }
    return starts.length;
  }

  /** Token range {@code [from, to)} covered by a match on {@link #normalized()}. */
  int[] span(Matcher m) {
    return span(m.start(), m.end());
  }

  int[] span(int startChar, int endChar) {
    int from = tokenAtOrAfter(startChar);
    // A token belongs to the span when it starts before the span's end.
    int to = from;
    while (to < starts.length && starts[to] < endChar) {
      to++;
    }
    return new int[] {from, to};
  }

  /** The person's words for tokens {@code [from, to)}, with spaces before punctuation closed up. */
  String raw(int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      String raw = tokens.get(i).raw();
      boolean mark = raw.length() == 1 && TRAILING_MARKS.indexOf(raw.charAt(0)) >= 0;
      if (!text.isEmpty() && !mark) {
        text.append(' ');
      }
      text.append(raw);
    }
    return text.toString();
  }
}
