package dev.tars.desktop.voice;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The voice UI's words, in their own bundle ({@code voice*.properties} beside this class) so the voice feature
 * adds texts without editing the app's main bundle. Same language rules as the rest of the UI.
 */
public final class VoiceTexts {
  private final ResourceBundle bundle;

  public VoiceTexts(Locale locale) {
    this.bundle = ResourceBundle.getBundle("dev.tars.desktop.voice.voice", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public String get(String key, Object... args) {
    try {
      String pattern = bundle.getString(key);
      return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    } catch (MissingResourceException e) {
      return key;
    }
  }
}
