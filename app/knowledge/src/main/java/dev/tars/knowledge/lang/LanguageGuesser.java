package dev.tars.knowledge.lang;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells English from Spanish (and both from French, German, Portuguese and Italian, which are recognised only so
 * that they are not mistaken for either) by counting each language's most frequent function words. Function
 * words make up 40-50% of running text in these languages and barely overlap, so a few hundred words decide a
 * document and even a four-word question usually holds one ("¿cómo se configura la red?"). Written here rather
 * than taking Tika's or Lingua's n-gram detectors: they bring tens of megabytes of profiles for the two
 * languages retrieval treats differently, and this was measured good enough on the retrieval test set
 * (docs/decisions/1300-language-aware-retrieval.md).
 */
public final class LanguageGuesser {
  /** Words examined in a document; the first few thousand decide it and keep the cost flat. */
  private static final int MAX_WORDS = 5_000;

  private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
      "en", Set.of("the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "as", "on", "are", "this",
          "be", "by", "or", "from", "an", "which", "you", "not", "can", "if", "will", "was", "have", "has", "what",
          "how", "does", "do", "when", "where", "why", "should", "my", "your", "its", "into", "there", "their",
          "i", "we", "they", "these", "those", "would", "could", "about", "than", "then", "only", "also"),
      "es", Set.of("el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "es", "por", "con", "para",
          "se", "al", "lo", "como", "más", "pero", "sus", "su", "le", "ya", "o", "este", "esta", "sí", "porque",
          "cuando", "muy", "sin", "sobre", "también", "hasta", "hay", "donde", "desde", "todo", "nos", "puede",
          "cómo", "qué", "cuál", "dónde", "cuándo", "debo", "puedo", "hace", "son", "está", "están", "entre",
          "unos", "unas", "mi", "tu", "usted", "si"),
      "fr", Set.of("le", "les", "des", "du", "et", "est", "une", "dans", "pour", "pas", "que", "qui", "sur", "avec",
          "au", "aux", "ce", "cette", "sont", "par", "vous", "nous", "il", "elle", "ou", "mais", "comment"),
      "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "von", "zu", "den", "dem",
          "auf", "für", "sich", "auch", "wird", "werden", "sie", "ich", "wie", "oder", "aber", "bei", "nach"),
      "pt", Set.of("o", "os", "as", "do", "da", "dos", "das", "em", "um", "uma", "não", "para", "com", "é", "são",
          "ao", "na", "no", "se", "mais", "como", "pelo", "pela", "você", "isso"),
      "it", Set.of("il", "gli", "della", "delle", "di", "che", "è", "per", "non", "una", "sono", "con", "nel",
          "nella", "anche", "come", "più", "questo", "questa", "lo", "ha", "dei", "alla"));

  private LanguageGuesser() {}

  /** The language of a document or a question; {@link Language#OTHER} when unsure or neither. */
  public static Language guess(CharSequence text) {
    Map<String, Integer> hits = new java.util.HashMap<>();
    int words = 0;
    int i = 0;
    int n = text.length();
    boolean inverted = false;
    while (i < n && words < MAX_WORDS) {
      while (i < n && !Character.isLetter(text.charAt(i))) {
        char c = text.charAt(i);
        inverted |= c == '¿' || c == '¡';
        i++;
      }
      int start = i;
      while (i < n && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words++;
        String word = text.subSequence(start, i).toString().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> e : FUNCTION_WORDS.entrySet()) {
          if (e.getValue().contains(word)) {
            hits.merge(e.getKey(), 1, Integer::sum);
          }
        }
      }
    }
    if (inverted) {
      hits.merge("es", 2, Integer::sum); // ¿ and ¡ are written only in Spanish
    }
    String best = null;
    int bestHits = 0;
    int second = 0;
    for (Map.Entry<String, Integer> e : hits.entrySet()) {
      if (e.getValue() > bestHits) {
        second = bestHits;
        bestHits = e.getValue();
        best = e.getKey();
      } else if (e.getValue() > second) {
        second = e.getValue();
      }
    }
    // A tie or a single stray word ("a", "de" in a product name) decides nothing.
    if (best == null || bestHits == second || bestHits < 2 && words > 3) {
      return Language.OTHER;
    }
    return Language.ofCode(best);
  }
}
