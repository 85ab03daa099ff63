package dev.tars.memory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Words of a text as keyword matching sees them: lower case, no accents, no stop words, crude plural folding. */
public final class Terms {
  private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "do",
      "does", "for", "from", "has", "have", "he", "her", "his", "how", "i", "if", "in", "is", "it", "its", "me",
      "my", "no", "not", "of", "on", "or", "our", "she", "so", "that", "the", "their", "them", "then", "there",
      "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with",
      "you", "your", "can", "could", "would", "should", "about", "into", "than", "too", "very", "just", "also",
      "el", "la", "los", "las", "de", "del", "y", "en", "un", "una", "que", "es", "por", "con", "para", "se",
      "lo", "al", "mi", "tu", "su");

  private Terms() {}

  /** The normalized form used to spot duplicate facts: lower case, no accents, words separated by one space. */
  public static String normalize(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  public static List<String> of(String text) {
    List<String> terms = new ArrayList<>();
    for (String word : normalize(text).split(" ")) {
      if (word.length() < 2 || STOP.contains(word)) {
        continue;
      }
      terms.add(stem(word));
    }
    return terms;
  }

  /** Folds plurals and a few endings so "prefers" matches "prefer" and "units" matches "unit". */
  static String stem(String word) {
    if (word.length() > 5 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.length() > 5 && word.endsWith("ing")) {
      return word.substring(0, word.length() - 3);
    }
    if (word.length() > 4 && word.endsWith("ed")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
