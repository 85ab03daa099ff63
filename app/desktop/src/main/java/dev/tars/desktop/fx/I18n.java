package dev.tars.desktop.fx;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The UI's words: one resource bundle ({@code messages*.properties}) in the chosen or the system's language. */
public final class I18n {
  private static final Logger LOG = LoggerFactory.getLogger(I18n.class);
  private static final String BASE_NAME = "dev.tars.desktop.messages";

  private final ResourceBundle bundle;

  private I18n(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  /**
   * The bundle for {@code languageTag} (empty follows the operating system). A language without a bundle falls
   * back to English, not to the system language.
   */
  public static I18n forLanguage(String languageTag) {
    return new I18n(ResourceBundle.getBundle(BASE_NAME, resolveLocale(languageTag),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
  }

  public static Locale resolveLocale(String languageTag) {
    return languageTag == null || languageTag.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(languageTag);
  }

  public ResourceBundle bundle() {
    return bundle;
  }

  public Locale locale() {
    return bundle.getLocale();
  }

  /** Whether the bundle has a text for {@code key}. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** The text for {@code key}, with {@code args} filled in ({@link MessageFormat} syntax when there are any). */
  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      LOG.error("Missing UI text '{}'", key);
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }
}
