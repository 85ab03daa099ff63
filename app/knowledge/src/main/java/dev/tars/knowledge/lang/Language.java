package dev.tars.knowledge.lang;

import java.util.Locale;

/**
 * The languages retrieval analyses in their own way. Text in any other language (or too short to tell) is
 * {@link #OTHER} and is analysed as English was before languages were told apart: split into words and
 * lower-cased, with no stemming that could hurt it.
 */
public enum Language {
  ENGLISH("en"),
  SPANISH("es"),
  OTHER("und");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /** ISO 639-1 code ("und" for other). */
  public String code() {
    return code;
  }

  public static Language ofCode(String code) {
    String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.code.equals(c)) {
        return l;
      }
    }
    return OTHER;
  }
}
