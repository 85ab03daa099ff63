package dev.tars.mcp;

import dev.tars.actions.i18n.Texts;
import java.util.Locale;

/**
 * The MCP server's words in the person's language ({@code texts*.properties} here, English and Spanish, through
 * the actions module's {@link Texts}): tool errors and the server's instructions, which an MCP client may show.
 */
public final class McpTexts {
  private static final String BUNDLE = "dev.tars.mcp.texts";

  private final Texts words;
  private final Texts actionWords;

  private McpTexts(Locale locale) {
    this.words = Texts.of(BUNDLE, locale);
    this.actionWords = Texts.of(locale);
  }

  /** The words for a language tag from the settings ({@code en}, {@code es}; others fall back to English). */
  public static McpTexts of(String languageTag) {
    return new McpTexts(Texts.locale(languageTag));
  }

  public String get(String key, Object... args) {
    return words.get(key, args);
  }

  /** The actions module's words, for the errors the action service raises. */
  Texts actionTexts() {
    return actionWords;
  }
}
