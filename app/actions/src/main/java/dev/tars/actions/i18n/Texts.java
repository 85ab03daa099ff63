package dev.tars.actions.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The actions module's words for people ({@code texts*.properties}, English and Spanish), the same resource
 * bundle mechanism the desktop uses. A language without a bundle falls back to English.
 */
public final class Texts {
  private static final String BASE_NAME = "dev.tars.actions.i18n.texts";

  private final ResourceBundle bundle;
  private final Locale locale;

  private Texts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  public static Texts of(Locale locale) {
    return of(BASE_NAME, locale);
  }

  /** Another module's bundle through the same mechanism (the command line's words, for one). */
  public static Texts of(String baseName, Locale locale) {
    return new Texts(ResourceBundle.getBundle(baseName, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), locale);
  }

  /**
   * A language tag from the settings ({@code en}, {@code es}); empty follows the operating system. A language
   * without a region gets one (the system's when it speaks that language, else the language's main one), because
   * Java formats dates for a bare {@code en} as "2026 Dec 21, Mon".
   */
  public static Locale locale(String languageTag) {
    Locale system = Locale.getDefault();
    Locale chosen = languageTag == null || languageTag.isBlank() ? system : Locale.forLanguageTag(languageTag);
    if (!chosen.getCountry().isEmpty()) {
      return chosen;
    }
    if (chosen.getLanguage().equals(system.getLanguage()) && !system.getCountry().isEmpty()) {
      return Locale.of(chosen.getLanguage(), system.getCountry());
    }
    return switch (chosen.getLanguage()) {
      case "en" -> Locale.US;
      case "es" -> Locale.of("es", "ES");
      default -> chosen;
    };
  }

  /** The locale asked for (dates and numbers are formatted for it), not the bundle's own. */
  public Locale locale() {
    return locale;
  }

  /** The text for {@code key} with {@code args} filled in ({@link MessageFormat}); the key itself if missing. */
  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }
}
