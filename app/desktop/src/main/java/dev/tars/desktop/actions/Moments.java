package dev.tars.desktop.actions;

import dev.tars.actions.i18n.Texts;
import dev.tars.desktop.fx.I18n;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Days and times in words for the person's locale ("Thursday, December 3, 2026", "1:30 PM"; "jueves, 3 de
 * diciembre de 2026", "13:30"), in their time zone.
 */
public final class Moments {
  private final I18n i18n;
  private final ZoneId zone;
  private final Locale locale;
  private final DateTimeFormatter day;
  private final DateTimeFormatter shortDay;
  private final DateTimeFormatter time;

  public Moments(I18n i18n, ZoneId zone) {
    this.i18n = i18n;
    this.zone = zone;
    // The English bundle is the root one (no language of its own): format as the settings' language would.
    String language = i18n.locale().getLanguage().isEmpty() ? "en" : i18n.locale().getLanguage();
    this.locale = Texts.locale(language);
    this.day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    this.shortDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
  }

  public Locale locale() {
    return locale;
  }

  public ZoneId zone() {
    return zone;
  }

  public String day(LocalDate date) {
    return day.format(date);
  }

  public String time(LocalTime clock) {
    return time.format(clock);
  }

  /** "Thursday, December 3, 2026 at 1:30 PM". */
  public String dateTime(LocalDateTime moment) {
    return i18n.get("moment.dayAtTime", day(moment.toLocalDate()), time(moment.toLocalTime()));
  }

  /** An instant in the person's zone, shorter: "Dec 3, 2026, 1:30 PM" (lists, the Activity page). */
  public String brief(Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    return shortDay.format(local) + ", " + time(local.toLocalTime());
  }
}
