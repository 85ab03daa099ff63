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

  private Texts(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  public static Texts of(Locale locale) {
    return of(BASE_NAME, locale);
  }

  /** Another module's bundle through the same mechanism (the command line's words, for one). */
  public static Texts of(String baseName, Locale locale) {
    return new Texts(ResourceBundle.getBundle(baseName, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
  }

  /** A language tag from the settings ({@code en}, {@code es}); empty follows the operating system. */
  public static Locale locale(String languageTag) {
    return languageTag == null || languageTag.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(languageTag);
  }

  public Locale locale() {
    return bundle.getLocale();
  }

  /** The text for {@code key} with {@code args} filled in ({@link MessageFormat}); the key itself if missing. */
  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }
}
