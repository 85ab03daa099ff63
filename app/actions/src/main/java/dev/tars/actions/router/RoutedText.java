package dev.tars.actions.router;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * What the router understood, as one sentence in English or Spanish with dates in words for the locale
 * ("Reminder: “call mom”, Wednesday, December 2, 2026, 5:00 PM"). Texts live in {@code routed*.properties}.
 */
public final class RoutedText {
  private final ResourceBundle bundle;
  private final Locale locale;
  private final DateTimeFormatter day;
  private final DateTimeFormatter time;

  public RoutedText(Locale locale) {
    this.locale = "es".equals(locale.getLanguage()) ? Locale.forLanguageTag("es-ES") : Locale.forLanguageTag("en-US");
    this.bundle = ResourceBundle.getBundle("dev.tars.actions.router.routed", this.locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(this.locale);
    this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(this.locale);
  }

  /** The sentence for {@code routed}, followed by its confidence and language. */
  public String describe(Routed routed) {
    Map<String, String> s = routed.slots();
    String what = switch (routed.intent()) {
      case REMINDER_CREATE -> {
        String when = s.containsKey(Slots.WHEN) ? moment(s.get(Slots.WHEN)) : text("reminder.notime");
        yield s.containsKey(Slots.TEXT) ? format("reminder.create", s.get(Slots.TEXT), when)
            : format("reminder.create.notext", "", when);
      }
      case NOTE_CREATE -> format("note.create", s.get(Slots.TEXT));
      case NOTE_SEARCH -> s.containsKey(Slots.QUERY) ? format("note.search", s.get(Slots.QUERY))
          : text("note.search.noquery");
      case EVENT_CREATE -> {
        String when = s.containsKey(Slots.START) ? moment(s.get(Slots.START)) : text("event.nostart");
        if (s.containsKey(Slots.END)) {
          when = format("event.until", when, moment(s.get(Slots.END)));
        }
        if (s.containsKey(Slots.LOCATION)) {
          when = format("event.location", when, s.get(Slots.LOCATION));
        }
        yield format("event.create", s.getOrDefault(Slots.TITLE, text("event.notitle")), when);
      }
      case AGENDA_QUERY -> s.get(Slots.FROM).equals(s.get(Slots.TO))
          ? format("agenda.query.day", moment(s.get(Slots.FROM)))
          : format("agenda.query.range", moment(s.get(Slots.FROM)), moment(s.get(Slots.TO)));
      case MEMORY_REMEMBER -> format("memory.remember", s.get(Slots.FACT));
      case NONE -> text("none");
    };
    String language = text("language." + routed.lang());
    return what + " " + new MessageFormat(text("confidence"), locale).format(new Object[] {routed.confidence(),
        language});
  }

  /** A day ({@code 2026-12-02}) or a date-time ({@code 2026-12-02T17:00}) in words. */
  private String moment(String value) {
    try {
      if (value.length() == 10) {
        return day.format(LocalDate.parse(value));
      }
      LocalDateTime at = LocalDateTime.parse(value);
      return day.format(at) + ", " + time.format(at);
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  private String text(String key) {
    return bundle.getString(key);
  }

  private String format(String key, Object... arguments) {
    return new MessageFormat(text(key), locale).format(arguments);
  }
}
