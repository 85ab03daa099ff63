package dev.tars.actions.router;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.MatchResult;

/**
 * Spanish time expressions: "pasado mañana", "el lunes que viene", "el 24 de diciembre", "a las 5 de la
 * tarde", "a las 4 menos cuarto", "de 4 a 5 de la tarde", "dentro de media hora", "la semana que viene".
 * "mañana" is tomorrow except after "la" ("por la mañana", "de la mañana" are the morning).
 */
final class SpanishDates extends DateGrammar {
  static final SpanishDates INSTANCE = new SpanishDates();

  private static final String WEEKDAY = "(?<weekday>lunes|martes|miercoles|jueves|viernes|sabado|domingo)";
  private static final String MONTH = "(?<month>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
      + "|setiembre|octubre|noviembre|diciembre)";
  private static final String PART = "(?<part>manana|tarde|noche)";
  private static final String LEAD = "(?:(?:el|este|del|para el|hasta el|al|para|desde el|a partir del|proximo) )*";
  private static final String HOUR = "(?<h>\\d{1,2}|una)";
  private static final String NOT_AMOUNT = "(?! ?(?:%|euros?|eur|€|dolares|personas|kg|km|bar|mb|gb))";
  private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("lunes", DayOfWeek.MONDAY, "martes",
      DayOfWeek.TUESDAY, "miercoles", DayOfWeek.WEDNESDAY, "jueves", DayOfWeek.THURSDAY, "viernes",
      DayOfWeek.FRIDAY, "sabado", DayOfWeek.SATURDAY, "domingo", DayOfWeek.SUNDAY);
  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("enero", 1), Map.entry("febrero", 2),
      Map.entry("marzo", 3), Map.entry("abril", 4), Map.entry("mayo", 5), Map.entry("junio", 6), Map.entry("julio", 7),
      Map.entry("agosto", 8), Map.entry("septiembre", 9), Map.entry("setiembre", 9), Map.entry("octubre", 10),
      Map.entry("noviembre", 11), Map.entry("diciembre", 12));

  private SpanishDates() {
    // Offsets: "dentro de 20 minutos", "en media hora", "en una hora y media", "dentro de 2 días".
    rule("\\b(?:en|dentro de|de aqui a|tras) (?:unos |unas )?(?:(?<word>un|una|uno|medio|media|un par de|unos pocos"
        + "|unas pocas) |(?<num>\\d+(?:[.,]\\d+)?) ?)(?<unit>minutos?|mins?|m|horas?|h|dias?|semanas?|mes(?:es)?)\\b"
        + "(?: y (?:(?<extra>media|cuarto)|(?<extramin>\\d+) (?:minutos?|mins?)))?",
        (m, f, today) -> addOffset(f, duration(amount(m), unit(m.group("unit"))).plus(extra(m))));
    // Relative days.
    rule("\\b(?:para |hasta )?pasado manana(?: (?:por|en) la " + PART + ")?\\b", (m, f, today) -> {
      setDate(f, today.plusDays(2));
      part(m, f);
    });
    rule("\\b(?:para |hasta |de )?(?<day>(?<!la )manana|hoy)(?: (?:por|en) la " + PART + ")?\\b", (m, f, today) -> {
      setDate(f, m.group("day").equals("hoy") ? today : today.plusDays(1));
      part(m, f);
    });
    rule("\\b(?:para )?esta " + PART + "\\b", (m, f, today) -> {
      setDate(f, today);
      part(m, f);
    });
    rule("\\b(?:por|de|en) la " + PART + "\\b", (m, f, today) -> part(m, f));
    // Weekdays: the next such day after today ("el viernes", "el lunes que viene"); "los viernes" repeats.
    rule("\\b" + LEAD + "(?<!los )" + WEEKDAY + "(?: (?:que viene|proximo|de la semana que viene))?"
        + "(?: (?:por|en) la " + PART + ")?\\b", (m, f, today) -> {
          setDate(f, TimeFacts.nextWeekday(today, WEEKDAYS.get(m.group("weekday"))));
          part(m, f);
        });
    // A weekday with its day of the month: "el miércoles 9", "el viernes 11 a las 10".
    rule("\\b" + LEAD + "(?<!los )" + WEEKDAY + ",? (?:dia )?(?<day>\\d{1,2})\\b(?![:.]\\d| ?h\\b| y | menos | de | ?[ap]\\.?m\\b)",
        (m, f, today) -> setDate(f, TimeFacts.dayOfMonth(today, number(m, "day"))));
    // Dates.
    rule("\\b" + LEAD + "(?:dia )?(?<day>\\d{1,2}) de " + MONTH + "\\b(?: (?:de|del) (?<year>\\d{4}))?",
        (m, f, today) -> setDate(f, TimeFacts.upcoming(today, MONTHS.get(m.group("month")), number(m, "day"),
            year(m))));
    rule("\\b" + LEAD + "(?:dia )?(?<a>\\d{1,2})/(?<b>\\d{1,2})(?:/(?<year>\\d{2,4}))?\\b",
        (m, f, today) -> setDate(f, TimeFacts.upcoming(today, number(m, "b"), number(m, "a"), year(m))));
    rule("\\b" + LEAD + "(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})\\b",
        (m, f, today) -> setDate(f, TimeFacts.upcoming(today, number(m, "month"), number(m, "day"), year(m))));
    rule("\\b" + LEAD + "dia (?<day>\\d{1,2})\\b" + NOT_AMOUNT,
        (m, f, today) -> setDate(f, TimeFacts.dayOfMonth(today, number(m, "day"))));
    // "el 14" before a time, the end, or a range of hours ("el 22 de 11 a 12", "el 9 desde las 5").
    rule("\\b(?:para el|el) (?<day>\\d{1,2})(?= a las?\\b| por la\\b| ?$| [,.?!]| de (?:las? )?\\d{1,2}(?:[:.]\\d{2})?"
        + " (?:a|hasta)\\b| (?:desde|entre)\\b)",
        (m, f, today) -> setDate(f, TimeFacts.dayOfMonth(today, number(m, "day"))));
    // A holiday's name alone may be part of a title ("el mercadillo de navidad"): it needs "el", "en", "para".
    rule("\\b(?:(?:(?:el|en|para|por|hasta) )+(?:(?:dia|noche) de )?(?<name>navidad|nochebuena|nochevieja|ano nuevo)"
        + "|dia de (?<day>navidad|ano nuevo))\\b",
        (m, f, today) -> setDate(f, holiday(m.group("name") != null ? m.group("name") : m.group("day"), today)));
    // Clock times.
    rule("\\b(?:(?:a|sobre|hacia|para|hasta|antes de|desde|a eso de) )(?:las|la) " + HOUR
        + "(?:[:.](?<min>\\d{2}))?(?: ?h\\b| horas)?(?: y (?<plus>media|cuarto|\\d{1,2})| menos (?<minus>cuarto|\\d{1,2}))?"
        + "(?: ?(?<ampm>[ap])\\.?m\\b)?(?: (?:de la|por la|en la) " + PART + ")?(?: en punto)?\\b" + NOT_AMOUNT,
        (m, f, today) -> {
          clock(m, f);
          part(m, f);
        });
    // A bare hour with its part of the day: "mañana 9 de la mañana".
    rule("\\b(?:(?:a|sobre|hacia|para) )?(?:las? )?(?<![:.])(?<h>\\d{1,2}) (?:de la|por la) " + PART + "\\b", (m, f, today) -> {
      setTime(f, number(m, "h"), 0, null);
      part(m, f);
    });
    rule("\\b(?:(?:a|sobre|hacia|para) )?(?:las )?(?<h>\\d{1,2})[:.](?<min>\\d{2})(?: ?h\\b| ?(?<ampm>[ap])\\.?m\\b|\\b)"
        + "(?: (?:de la|por la) " + PART + ")?" + NOT_AMOUNT, (m, f, today) -> {
          setTime(f, number(m, "h"), number(m, "min"), meridiem(m.group("ampm")));
          part(m, f);
        });
    rule("\\b(?:(?:a|sobre|hacia) )?(?:las )?(?<h>\\d{1,2}) ?(?<ampm>[ap])\\.?m\\b",
        (m, f, today) -> setTime(f, number(m, "h"), 0, meridiem(m.group("ampm"))));
    rule("\\b(?:(?:a|al|hacia el|sobre el|para el|a el) )?mediodia\\b",
        (m, f, today) -> setTime(f, 12, 0, TimeFacts.Meridiem.PM));
    rule("\\b(?:(?:a|hacia|para) )?(?:la )?medianoche\\b", (m, f, today) -> setTime(f, 0, 0, TimeFacts.Meridiem.AM));
    // Ranges: "de 4 a 5 de la tarde", "de 10 a 11:30", "entre las 3 y las 4".
    rule("\\b(?:de|desde) (?:las |la )?" + HOUR + "(?:[:.](?<min>\\d{2}))?(?<ampm>)? (?:a|hasta) (?:las |la )?"
        + "(?<eh>\\d{1,2}|una)(?:[:.](?<emin>\\d{2}))?(?: ?(?<eampm>[ap])\\.?m\\b|\\b)(?: (?:de la|por la) " + PART + ")?",
        SpanishDates::spanishRange);
    rule("\\bentre (?:las |la )?" + HOUR + "(?:[:.](?<min>\\d{2}))?(?<ampm>)? y (?:las |la )?(?<eh>\\d{1,2}|una)"
        + "(?:[:.](?<emin>\\d{2}))?(?: ?(?<eampm>[ap])\\.?m\\b|\\b)(?: (?:de la|por la) " + PART + ")?",
        SpanishDates::spanishRange);
    // Periods, for agenda questions.
    rule("\\b(?:(?:para|de|durante|en) )?(?:esta semana|(?:el )?resto de (?:la|esta) semana)\\b",
        (m, f, today) -> thisWeek(f, today));
    rule("\\b(?:(?:para|de|durante|en) )?(?:la )?(?:semana que viene|proxima semana|semana proxima|semana siguiente)\\b",
        (m, f, today) -> nextWeek(f, today));
    rule("\\b(?:(?:para|de|durante|en|este|el|al) )*(?:fin de semana|finde)\\b", (m, f, today) -> weekend(f, today));
    rule("\\b(?:(?:para|de|durante|en) )?(?:este mes|(?:el )?resto (?:del|de este) mes|lo que queda (?:de|del|de este) mes)\\b",
        (m, f, today) -> thisMonth(f, today));
    // The month's last day: "a final de mes", "a finales de mes", "para fin de mes".
    rule("\\b(?:(?:a|para|hasta|antes de|el) )?(?:fin|final|finales) (?:de|del) (?:este )?mes\\b",
        (m, f, today) -> setDate(f, today.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth())));
    rule("\\b(?:(?:para|de|durante|en) )?(?:el )?(?:mes que viene|proximo mes|mes proximo)\\b",
        (m, f, today) -> nextMonth(f, today));
    rule("\\b(?:(?:para|de|durante|en) )?(?:los )?proximos (?<n>\\d+) dias\\b",
        (m, f, today) -> nextDays(f, today, number(m, "n")));
  }

  private static void spanishRange(MatchResult m, TimeFacts f, LocalDate today) {
    int hour = hourOf(m.group("h"));
    int endHour = hourOf(m.group("eh"));
    if (hour > 24 || endHour > 24) {
      return;
    }
    setTime(f, hour, numberOr(m, "min", 0), null);
    f.endHour = endHour % 24;
    f.endMinute = numberOr(m, "emin", 0);
    f.endMeridiem = meridiem(m.group("eampm"));
    part(m, f);
  }

  private static void clock(MatchResult m, TimeFacts f) {
    int hour = hourOf(m.group("h"));
    int minute = numberOr(m, "min", 0);
    String plus = m.group("plus");
    String minus = m.group("minus");
    if (plus != null) {
      minute = plus.equals("media") ? 30 : plus.equals("cuarto") ? 15 : Integer.parseInt(plus);
    } else if (minus != null) {
      minute = 60 - (minus.equals("cuarto") ? 15 : Integer.parseInt(minus));
      hour = (hour + 23) % 24;
    }
    setTime(f, hour, minute, meridiem(m.group("ampm")));
  }

  private static int hourOf(String hour) {
    return hour.equals("una") ? 1 : Integer.parseInt(hour);
  }

  private static double amount(MatchResult m) {
    String word = m.group("word");
    if (word == null) {
      return Double.parseDouble(m.group("num").replace(',', '.'));
    }
    return switch (word) {
      case "medio", "media" -> 0.5;
      case "un par de" -> 2;
      case "unos pocos", "unas pocas" -> 3;
      default -> 1;
    };
  }

  private static Duration extra(MatchResult m) {
    if ("media".equals(m.group("extra"))) {
      return duration(0.5, unit(m.group("unit")));
    }
    if ("cuarto".equals(m.group("extra"))) {
      return duration(0.25, unit(m.group("unit")));
    }
    return m.group("extramin") == null ? Duration.ZERO : duration(number(m, "extramin"), "min");
  }

  private static String unit(String word) {
    return DateGrammar.unit(word, "mes");
  }

  private static void part(MatchResult m, TimeFacts f) {
    String part;
    try {
      part = m.group("part");
    } catch (IllegalArgumentException noSuchGroup) {
      return;
    }
    if (part != null) {
      f.partOfDay = switch (part) {
        case "manana" -> TimeFacts.PartOfDay.MORNING;
        case "tarde" -> TimeFacts.PartOfDay.AFTERNOON;
        default -> TimeFacts.PartOfDay.NIGHT;
      };
    }
  }

  private static Integer year(MatchResult m) {
    String year = m.group("year");
    return year == null ? null : Integer.valueOf(year);
  }

  private static LocalDate holiday(String name, LocalDate today) {
    return switch (name) {
      case "nochebuena" -> TimeFacts.upcoming(today, 12, 24, null);
      case "nochevieja" -> TimeFacts.upcoming(today, 12, 31, null);
      case "ano nuevo" -> TimeFacts.upcoming(today, 1, 1, null);
      default -> TimeFacts.upcoming(today, 12, 25, null);
    };
  }
}
