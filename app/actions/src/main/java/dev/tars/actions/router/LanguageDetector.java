package dev.tars.actions.router;

import java.util.Set;

/**
 * English or Spanish, from the words commands are made of. Commands are short and full of typos, so
 * function words and command verbs tell the two languages apart better than character statistics (see
 * decision 1200); Spanish letters (ñ, accents, ¿ ¡) count double. A tie, or no word of either, is English.
 */
final class LanguageDetector {
  private static final Set<String> ENGLISH = Set.of(
      "the", "to", "my", "at", "on", "in", "what", "do", "i", "is", "and", "for", "of", "it", "you", "have",
      "this", "that", "can", "how", "with", "remind", "reminder", "note", "notes", "tomorrow", "today", "tonight",
      "please", "pls", "set", "add", "put", "take", "make", "write", "down", "am", "pm", "minutes", "hours",
      "hour", "remember", "schedule", "calendar", "meeting", "next", "week", "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday", "sunday", "about", "did", "any", "anything", "be", "are", "was",
      "search", "find", "show", "from", "tell", "who", "why", "where", "which", "your", "an", "thanks", "hi",
      "hello", "could", "would", "should", "want", "need", "call", "buy", "don't", "i'm", "what's", "whats",
      "day", "after", "afternoon", "morning", "evening", "noon", "midnight", "book", "event", "free", "got");
  private static final Set<String> SPANISH = Set.of(
      "el", "la", "los", "las", "de", "del", "que", "q", "mi", "mis", "para", "por", "con", "es", "un", "una",
      "y", "tengo", "hay", "manana", "hoy", "recuerdame", "recordarme", "recuerda", "recordatorio", "apunta",
      "anota", "nota", "notas", "pon", "ponme", "anade", "crea", "agenda", "calendario", "cita", "reunion",
      "semana", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "al", "lo", "se",
      "como", "cual", "donde", "cuando", "quien", "porque", "dentro", "minutos", "horas", "hora",
      "tarde", "noche", "mediodia", "medianoche", "pasado", "proximo", "proxima", "viene", "favor", "puedes",
      "oye", "hola", "gracias", "dime", "busca", "tu", "yo", "soy", "estoy", "esta", "este", "algo", "llamar",
      "comprar", "avisame", "olvides", "acuerdate", "ten", "cuenta", "su", "sus", "muy", "pero", "tambien",
      "unas", "olvidar", "dejes", "olvide", "nos", "le", "les", "ese", "esa", "eso", "esto", "quiero", "necesito", "haz", "dame", "cuentame");

  private LanguageDetector() {}

  /** {@code "en"} or {@code "es"}. */
  static String detect(String text) {
    int english = 0;
    int spanish = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("ñÑ¿¡áéíóúÁÉÍÓÚü".indexOf(c) >= 0) {
        spanish += 2;
      }
    }
    for (String word : Utterance.fold(text).split("[^\\p{L}']+")) {
      if (ENGLISH.contains(word)) {
        english++;
      }
      if (SPANISH.contains(word)) {
        spanish++;
      }
    }
    return spanish > english ? "es" : "en";
  }
}
