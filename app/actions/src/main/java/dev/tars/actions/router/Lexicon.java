package dev.tars.actions.router;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words the rules and the date parser look for, per language, and what normalizing does with them:
 * shorthand becomes the full word ({@code tmrw}, {@code q}), a near miss of a keyword becomes the keyword
 * ({@code tomorow}, {@code recurdame}) and number words become digits. Only keywords are corrected, so the
 * person's other words are never changed (their raw spelling is what free-text slots give back anyway).
 */
final class Lexicon {
  private static final Set<String> EN_WORDS = Set.of(
      "remind", "reminder", "reminders", "note", "notes", "take", "make", "write", "jot", "save", "search",
      "find", "look", "show", "calendar", "agenda", "schedule", "appointment", "appointments", "meeting",
      "meetings", "event", "events", "remember", "forget", "tomorrow", "today", "tonight", "morning", "afternoon",
      "evening", "night", "noon", "midnight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october",
      "november", "december", "minute", "minutes", "hour", "hours", "week", "weeks", "month", "months", "day",
      "days", "weekend", "next", "this", "please", "could", "would", "what", "have", "anything", "something",
      "free", "busy", "available", "planned", "plans", "happening", "book", "create", "alarm", "quarter", "half",
      "past", "christmas", "between", "from", "until", "about", "with", "that", "after", "before", "down",
      "memorize", "reference", "diary", "don't", "whats", "what's");
  private static final Set<String> ES_WORDS = Set.of(
      "recuerdame", "recordarme", "recuerda", "recordatorio", "recordatorios", "avisame", "apunta", "apuntame",
      "anota", "anotame", "nota", "notas", "apunte", "anote", "busca", "buscame", "encuentra", "muestrame",
      "ensename", "calendario", "agenda", "cita", "citas", "reunion", "reuniones", "evento", "eventos",
      "programa", "reserva", "manana", "pasado", "noche", "tarde", "mediodia", "medianoche", "lunes", "martes",
      "miercoles", "jueves", "viernes", "sabado", "domingo", "enero", "febrero", "marzo", "abril", "mayo", "junio",
      "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "minuto", "minutos", "hora", "horas",
      "semana", "semanas", "proximo", "proxima", "dentro", "favor", "puedes", "podrias", "tengo", "libre",
      "ocupado", "olvides", "olvide", "acuerdate", "memoriza", "cuarto", "media", "menos", "navidad",
      "nochebuena", "nochevieja", "recordar", "anade", "guarda", "tomar", "nueva", "nuevo", "planes",
      "recuerdes", "recuerdas");
  /** Ordinary words one letter away from a keyword that must stay as they are. */
  private static final Set<String> EN_KEEP = Set.of("plants", "plant", "plane", "planes", "mouth", "months",
      "notice", "noted", "days", "weekly", "monthly", "daily", "marching", "searches", "evenings", "mornings");
  private static final Set<String> ES_KEEP = Set.of("libro", "tarta", "junto", "mayor", "pesado", "marco",
      "notar", "horno", "hornos", "citar", "citado", "programo", "notes", "tardes", "noches", "mananas",
      "recuerdo", "recuerdos", "recordar", "apuntes", "media", "medio", "menor", "julia", "libros", "memoria");
  private static final Map<String, String> EN_SHORTHAND = Map.ofEntries(
      Map.entry("tmrw", "tomorrow"), Map.entry("tmr", "tomorrow"), Map.entry("tomoz", "tomorrow"),
      Map.entry("2morrow", "tomorrow"), Map.entry("2moro", "tomorrow"), Map.entry("tonite", "tonight"),
      Map.entry("u", "you"), Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("thx", "thanks"),
      Map.entry("thurs", "thursday"), Map.entry("thu", "thursday"), Map.entry("tues", "tuesday"),
      Map.entry("tue", "tuesday"), Map.entry("weds", "wednesday"), Map.entry("wed", "wednesday"),
      Map.entry("fri", "friday"), Map.entry("mon", "monday"), Map.entry("xmas", "christmas"),
      Map.entry("im", "i'm"), Map.entry("dont", "don't"), Map.entry("cal", "calendar"), Map.entry("r", "are"));
  private static final Map<String, String> ES_SHORTHAND = Map.ofEntries(
      Map.entry("q", "que"), Map.entry("k", "que"), Map.entry("xq", "porque"), Map.entry("pq", "porque"),
      Map.entry("finde", "finde"), Map.entry("mñn", "manana"), Map.entry("tb", "tambien"),
      Map.entry("pf", "porfa"), Map.entry("xfa", "porfa"), Map.entry("xfavor", "porfa"));
  private static final Map<String, String> EN_NUMBERS = Map.ofEntries(
      Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"),
      Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"),
      Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"), Map.entry("fifteen", "15"),
      Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"),
      Map.entry("forty-five", "45"), Map.entry("twenty-five", "25"), Map.entry("ninety", "90"));
  private static final Map<String, String> ES_NUMBERS = Map.ofEntries(
      Map.entry("dos", "2"), Map.entry("tres", "3"), Map.entry("cuatro", "4"), Map.entry("cinco", "5"),
      Map.entry("seis", "6"), Map.entry("siete", "7"), Map.entry("ocho", "8"), Map.entry("nueve", "9"),
      Map.entry("diez", "10"), Map.entry("once", "11"), Map.entry("doce", "12"), Map.entry("quince", "15"),
      Map.entry("veinte", "20"), Map.entry("veinticinco", "25"), Map.entry("treinta", "30"),
      Map.entry("cuarenta", "40"), Map.entry("cincuenta", "50"), Map.entry("noventa", "90"));

  private Lexicon() {}

  /** Shorthand expanded, keyword typos corrected, number words as digits. */
  static Utterance normalize(Utterance utterance, String lang) {
    boolean spanish = "es".equals(lang);
    Set<String> words = spanish ? ES_WORDS : EN_WORDS;
    Map<String, String> shorthand = spanish ? ES_SHORTHAND : EN_SHORTHAND;
    Map<String, String> numbers = spanish ? ES_NUMBERS : EN_NUMBERS;
    Set<String> keep = spanish ? ES_KEEP : EN_KEEP;
    List<String> norms = new ArrayList<>();
    for (Utterance.Token token : utterance.tokens()) {
      String norm = token.norm();
      norm = shorthand.getOrDefault(norm, norm);
      norm = numbers.getOrDefault(norm, norm);
      if (!words.contains(norm) && !keep.contains(norm) && norm.matches("[a-z]{4,}")) {
        norm = nearestKeyword(norm, words);
      }
      norms.add(norm);
    }
    return utterance.withNorms(norms);
  }

  /**
   * The keyword within the typo budget of {@code word} (one edit from 5 letters, two from 8; a swap of two
   * letters in a 4-letter word), sharing its first letter; the word itself when none or two are that near.
   */
  static String nearestKeyword(String word, Set<String> keywords) {
    int budget = word.length() >= 8 ? 2 : word.length() >= 5 ? 1 : 0;
    String best = word;
    int bestDistance = Integer.MAX_VALUE;
    int bestPrefix = -1;
    boolean tie = false;
    for (String keyword : keywords) {
      if (keyword.charAt(0) != word.charAt(0) || Math.abs(keyword.length() - word.length()) > Math.max(budget, 1)) {
        continue;
      }
      if (word.equals(keyword + "s") || word.equals(keyword + "es") || otherEnding(word, keyword)) {
        return word; // a plural or another form of the word ("guardé", "apunte"), not a typo
      }
      int distance = distance(word, keyword);
      boolean near = distance <= budget || (word.length() == 4 && distance == 1 && isSwap(word, keyword));
      if (!near || distance > bestDistance) {
        continue;
      }
      // Equally near keywords: the one sharing the longer start wins ("reminde" is "reminder", not "remind").
      int prefix = commonPrefix(word, keyword);
      if (distance < bestDistance || prefix > bestPrefix) {
        tie = false;
        best = keyword;
        bestDistance = distance;
        bestPrefix = prefix;
      } else if (prefix == bestPrefix) {
        tie = true;
      }
    }
    return tie ? word : best;
  }

  /** Same word but for its final vowel: an inflection (guarde/guarda, programo/programa), not a typo. */
  private static boolean otherEnding(String word, String keyword) {
    int last = word.length() - 1;
    return word.length() == keyword.length() && word.regionMatches(0, keyword, 0, last)
        && "aeiou".indexOf(word.charAt(last)) >= 0 && "aeiou".indexOf(keyword.charAt(last)) >= 0;
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  private static boolean isSwap(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    int first = -1;
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        if (first < 0) {
          first = i;
        } else {
          return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
              && a.substring(i + 1).equals(b.substring(i + 1));
        }
      }
    }
    return false;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
