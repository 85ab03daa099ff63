package dev.tars.voice.recognition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Word error rate: (substitutions + deletions + insertions) / reference words, after normalizing case and punctuation. */
public final class WordErrorRate {
  private WordErrorRate() {}

  /** The word error rate of {@code hypothesis} against {@code reference}; 0 is perfect. */
  public static double of(String reference, String hypothesis) {
    List<String> ref = words(reference);
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("The reference text has no words");
    }
    return errors(reference, hypothesis) / (double) ref.size();
  }

  /** The number of word edits that turn {@code hypothesis} into {@code reference}. */
  public static int errors(String reference, String hypothesis) {
    List<String> ref = words(reference);
    List<String> hyp = words(hypothesis);
    int[] previous = new int[hyp.size() + 1];
    int[] current = new int[hyp.size() + 1];
    for (int j = 0; j <= hyp.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= ref.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= hyp.size(); j++) {
        int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[hyp.size()];
  }

  /** Lower-case words without punctuation (apostrophes kept: "don't" is one word). */
  public static List<String> words(String text) {
    String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").strip();
    return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
  }
}
