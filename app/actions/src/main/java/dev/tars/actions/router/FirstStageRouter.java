package dev.tars.actions.router;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * The on-device router: no model, a few milliseconds. Language by {@link LanguageDetector}, typos and number
 * words by {@link Lexicon}, time expressions by the language's {@link DateGrammar}, intent and free text by
 * its {@link IntentRules}. Stateless and thread-safe.
 */
public final class FirstStageRouter implements Router {
  /** Commands are short; anything longer is a message for the chat model (and would only cost time here). */
  static final int MAX_COMMAND_CHARS = 1000;

  /** An utterance read for routing: its language, normalized words and time expressions. */
  record Analysis(String lang, Utterance words, DateGrammar.Parsed times, IntentRules rules) {
    /** The person's words without the time expression and courtesy, for a model-chosen intent's free text. */
    String textWithoutTime() {
      return View.without(words, times.timeTokens()).raw().strip();
    }
  }

  static Analysis analyze(String text, String lang, LocalDateTime now) {
    boolean spanish = "es".equals(lang);
    Utterance words = Lexicon.normalize(Utterance.of(text), lang);
    DateGrammar grammar = spanish ? SpanishDates.INSTANCE : EnglishDates.INSTANCE;
    return new Analysis(lang, words, grammar.parse(words, now), spanish ? SpanishRules.INSTANCE : EnglishRules.INSTANCE);
  }

  @Override
  public Routed route(String utterance, LocalDateTime now) {
    String text = utterance == null ? "" : utterance.strip();
    if (text.isEmpty()) {
      return new Routed(Intent.NONE, Map.of(), 1.0, "en");
    }
    String lang = LanguageDetector.detect(text.length() > MAX_COMMAND_CHARS ? text.substring(0, MAX_COMMAND_CHARS)
        : text);
    if (text.length() > MAX_COMMAND_CHARS || text.chars().noneMatch(Character::isLetterOrDigit)) {
      return new Routed(Intent.NONE, Map.of(), 0.95, lang);
    }
    Analysis analysis = analyze(text, lang, now);
    return analysis.rules().classify(analysis.words(), analysis.times(), now.withSecond(0).withNano(0), lang);
  }
}
