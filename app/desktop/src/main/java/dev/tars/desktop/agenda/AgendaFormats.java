package dev.tars.desktop.agenda;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.Locale;

/** Dates and times on the Agenda page in the person's locale; the week starts on the locale's first day. */
public final class AgendaFormats {
  private final Locale locale;
  private final ZoneId zone;
  private final DateTimeFormatter time;
  private final DateTimeFormatter month;
  private final DateTimeFormatter longDay;
  private final DateTimeFormatter mediumDay;
  private final DateTimeFormatter dayMonth;

  public AgendaFormats(Locale locale, ZoneId zone) {
    this.locale = locale;
    this.zone = zone;
    this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    this.month = DateTimeFormatter.ofPattern("LLLL yyyy", locale);
    this.longDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    this.mediumDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    this.dayMonth = DateTimeFormatter.ofPattern(locale.getLanguage().equals("en") && "US".equals(locale.getCountry())
        ? "MMM d" : "d MMM", locale);
  }

  public Locale locale() {
    return locale;
  }

  public ZoneId zone() {
    return zone;
  }

  public DayOfWeek firstDayOfWeek() {
    return WeekFields.of(locale).getFirstDayOfWeek();
  }

  public String time(LocalTime value) {
    return time.format(value);
  }

  public String time(Instant value) {
    return time.format(value.atZone(zone).toLocalTime());
  }

  public String month(LocalDate day) {
    String text = month.format(day);
    return text.substring(0, 1).toUpperCase(locale) + text.substring(1);
  }

  public String longDay(LocalDate day) {
    String text = longDay.format(day);
    return text.substring(0, 1).toUpperCase(locale) + text.substring(1);
  }

  public String mediumDay(LocalDate day) {
    return mediumDay.format(day);
  }

  /** "14 – 20 Dec 2026" style span of a week. */
  public String span(LocalDate from, LocalDate to) {
    return dayMonth.format(from) + " – " + dayMonth.format(to) + " " + to.getYear();
  }

  /** A weekday's short name for column heads ("Mon", "lun"). */
  public String weekday(DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, locale);
  }

  /** "Mon 14" style head of a day column. */
  public String dayHead(LocalDate day) {
    return weekday(day.getDayOfWeek()) + " " + day.getDayOfMonth();
  }
}
