package dev.tars.actions.router;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Slot names and the formats of their values, as {@code tars route} prints them. */
final class Slots {
  static final String TEXT = "text";
  static final String WHEN = "when";
  static final String QUERY = "query";
  static final String TITLE = "title";
  static final String START = "start";
  static final String END = "end";
  static final String LOCATION = "location";
  static final String FROM = "from";
  static final String TO = "to";
  static final String FACT = "fact";

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private Slots() {}

  static String format(LocalDateTime moment) {
    return MINUTES.format(moment);
  }
}
