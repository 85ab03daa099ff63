package dev.tars.actions.router;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;

/** English time expressions: relative days, weekdays, dates, clock times, ranges, offsets and periods. */
final class EnglishDates extends DateGrammar {
  static final EnglishDates INSTANCE = new EnglishDates();

  private static final String WEEKDAY = "(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final String MONTH = "(?<month>january|february|march|april|may|june|july|august|september"
      + "|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
  private static final String PART = "(?<part>morning|afternoon|evening|night)";
  private static final String LEAD = "(?:(?:on|for|by|until|till|this|next|coming|from) )*";
  private static final String AT = "(?:(?:at|by|around|about|before|for|from) )?";
  private static final String AMPM = "(?: ?(?<ampm>[ap])\\.?m\\b)";
  private static final String NOT_AMOUNT = "(?! ?(?:%|euros?|eur|dollars?|pounds?|people|persons|kg|km|bar|mb|gb))";

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
      Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
      Map.entry("nov", 11), Map.entry("dec", 12));

  private EnglishDates() {
    // Offsets: "in 20 minutes", "in half an hour", "in an hour and a half", "in 2 days".
    rule("\\b(?:in|within|after) (?:about |around |another )?(?:(?<word>a|an|one|half an?|a half|a couple of|couple of"
        + "|a few|few) |(?<num>\\d+(?:\\.\\d+)?) ?)(?:more )?(?<unit>minutes?|mins?|m|hours?|hrs?|h|days?|weeks?"
        + "|months?)\\b(?: and (?:(?<extra>a half|a quarter)|(?<extramin>\\d+) (?:minutes?|mins?)))?"
        + "(?: from now)?", (m, f, today) -> addOffset(f, duration(amount(m), unit(m.group("unit")))
            .plus(extra(m))));
    rule("\\b(?<num>\\d+) (?<unit>minutes?|mins?|hours?|hrs?|days?|weeks?) from now\\b",
        (m, f, today) -> addOffset(f, duration(number(m, "num"), unit(m.group("unit")))));
    // Relative days.
    rule("\\b(?:on |for )?(?:the )?day after tomorrow(?: " + PART + ")?\\b", (m, f, today) -> {
      setDate(f, today.plusDays(2));
      part(m, f);
    });
    rule("\\b(?:for |by |until )?(?<day>tomorrow|today)(?: (?:in the )?" + PART + ")?\\b", (m, f, today) -> {
      setDate(f, m.group("day").equals("today") ? today : today.plusDays(1));
      part(m, f);
    });
    rule("\\b(?:for |by |until |later )?tonight\\b", (m, f, today) -> {
      setDate(f, today);
      f.partOfDay = TimeFacts.PartOfDay.NIGHT;
    });
    rule("\\b(?:later |early )?this (?<part>morning|afternoon|evening)\\b", (m, f, today) -> {
      setDate(f, today);
      part(m, f);
    });
    rule("\\b(?:in the|at) (?<part>morning|afternoon|evening|night)\\b", (m, f, today) -> part(m, f));
    // Weekdays: alone, "next" or "this", the next such day after today.
    rule("\\b" + LEAD + WEEKDAY + "(?: " + PART + ")?\\b", (m, f, today) -> {
      setDate(f, TimeFacts.nextWeekday(today, DayOfWeek.valueOf(m.group("weekday").toUpperCase(Locale.ROOT))));
      part(m, f);
    });
    // A weekday with its day of the month: "wednesday the 9th", "friday 11th".
    rule("\\b" + LEAD + WEEKDAY + ",? (?:the )?(?<day>\\d{1,2})(?:st|nd|rd|th)\\b(?! of| " + MONTH.replace("?<month>", "?:") + ")",
        (m, f, today) -> setDate(f, TimeFacts.dayOfMonth(today, number(m, "day"))));
    // Dates: "december 24", "24th of december", "the 15th", "12/20", "2026-12-30", holidays.
    rule("\\b" + LEAD + "(?:the )?(?<day>\\d{1,2})(?:st|nd|rd|th)?(?: of)? " + MONTH + "\\b(?:,? (?<year>\\d{4}))?",
        (m, f, today) -> setDate(f, TimeFacts.upcoming(today, month(m), number(m, "day"), year(m))));
    rule("\\b" + LEAD + MONTH + " (?:the )?(?<day>\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (?<year>\\d{4}))?" + NOT_AMOUNT,
        (m, f, today) -> setDate(f, TimeFacts.upcoming(today, month(m), number(m, "day"), year(m))));
    rule("\\b(?:(?:on|for|by|until) the (?<day>\\d{1,2})(?:st|nd|rd|th)\\b|\\bthe (?<last>\\d{1,2})(?:st|nd|rd|th)$)",
        (m, f, today) -> setDate(f, TimeFacts.dayOfMonth(today, numberOr(m, "day", numberOr(m, "last", 0)))));
    rule("\\b" + LEAD + "(?<a>\\d{1,2})/(?<b>\\d{1,2})(?:/(?<year>\\d{2,4}))?\\b", (m, f, today) -> {
      int a = number(m, "a");
      int b = number(m, "b");
      // English: month first, unless the first number cannot be a month.
      setDate(f, a > 12 ? TimeFacts.upcoming(today, b, a, year(m)) : TimeFacts.upcoming(today, a, b, year(m)));
    });
    rule("\\b" + LEAD + "(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})\\b",
        (m, f, today) -> setDate(f, TimeFacts.upcoming(today, number(m, "month"), number(m, "day"), year(m))));
    // A holiday's name alone may be part of a title ("the christmas market"): it needs a preposition or "day".
    rule("\\b(?:(?:(?:on|for|by|until|at|this|next) )+(?<name>christmas eve|christmas(?: day)?|new year'?s eve"
        + "|new year'?s(?: day)?)|(?<day>christmas day|christmas eve|new year'?s day|new year'?s eve))\\b",
        (m, f, today) -> setDate(f, holiday(m.group("name") != null ? m.group("name") : m.group("day"), today)));
    // Clock times.
    rule("\\b" + AT + "(?<h>\\d{1,2})[:.](?<min>\\d{2})(?:" + AMPM + "|\\b)" + NOT_AMOUNT,
        (m, f, today) -> setTime(f, number(m, "h"), number(m, "min"), meridiem(m.group("ampm"))));
    rule("\\b" + AT + "(?<h>\\d{1,2})" + AMPM,
        (m, f, today) -> setTime(f, number(m, "h"), 0, meridiem(m.group("ampm"))));
    rule("\\b(?:at|by|around|before|until) (?<h>\\d{1,2})(?: o'?clock)?\\b(?![:./,]\\d)(?! ?(?:%|euros?|dollars?|people"
        + "|persons|kg|km|minutes?|mins?|hours?|days?|weeks?|of\\b|-))",
        (m, f, today) -> setTime(f, number(m, "h"), 0, null));
    rule("\\b(?<h>\\d{1,2}) o'?clock\\b", (m, f, today) -> setTime(f, number(m, "h"), 0, null));
    // A bare hour with its part of the day: "tomorrow 9 in the morning".
    rule("\\b" + AT + "(?<![:.])(?<h>\\d{1,2}) in the (?<part>morning|afternoon|evening)\\b", (m, f, today) -> {
      setTime(f, number(m, "h"), 0, null);
      part(m, f);
    });
    rule("\\b" + AT + "(?:noon|midday|lunchtime)\\b", (m, f, today) -> setTime(f, 12, 0, TimeFacts.Meridiem.PM));
    rule("\\b" + AT + "midnight\\b", (m, f, today) -> setTime(f, 0, 0, TimeFacts.Meridiem.AM));
    rule("\\b" + AT + "(?<q>half|quarter) past (?<h>\\d{1,2})\\b",
        (m, f, today) -> setTime(f, number(m, "h"), m.group("q").equals("half") ? 30 : 15, null));
    // British "half seven" is 7:30; it needs a preposition so "half 2 cups" stays a quantity.
    rule("\\b(?:at|by|around|about|before|from|until|till) half (?<h>\\d{1,2})\\b(?! ?(?:%|kg|km|hours?|minutes?|mins?))",
        (m, f, today) -> setTime(f, number(m, "h"), 30, null));
    rule("\\b" + AT + "(?:a )?quarter (?:to|till|til) (?<h>\\d{1,2})\\b",
        (m, f, today) -> setTime(f, (number(m, "h") + 23) % 24, 45, null));
    // Ranges: "from 10 to 11:30", "between 3 and 4", "tuesday 9-10".
    rule("\\b(?:from |between )(?<h>\\d{1,2})(?:[:.](?<min>\\d{2}))?(?: ?(?<ampm>[ap])\\.?m\\b)? ?(?:to|until|till|and"
        + "|-) ?(?<eh>\\d{1,2})(?:[:.](?<emin>\\d{2}))?(?: ?(?<eampm>[ap])\\.?m\\b|\\b)", DateGrammar::range);
    rule("(?<=(?:day|tomorrow|today) )(?<h>\\d{1,2})(?:[:.](?<min>\\d{2}))?(?<ampm>)? ?- ?(?<eh>\\d{1,2})"
        + "(?:[:.](?<emin>\\d{2}))?(?: ?(?<eampm>[ap])\\.?m\\b|\\b)", DateGrammar::range);
    // Periods, for agenda questions.
    rule("\\b(?:for |during |in )?(?:the )?(?:rest of )?(?:the |this )week\\b", (m, f, today) -> thisWeek(f, today));
    rule("\\b(?:for |during |in )?(?:the )?(?:next|following|coming) week(?:'s)?\\b",
        (m, f, today) -> nextWeek(f, today));
    rule("\\b(?:for |on |over |during |at )?(?:this |the |next |this coming )?weekend\\b",
        (m, f, today) -> weekend(f, today));
    rule("\\b(?:for |during |in |over )?(?:this month|(?:the )?rest of (?:the|this) month)\\b",
        (m, f, today) -> thisMonth(f, today));
    // The month's last day, for a reminder or an event: "at the end of the month", "by month end".
    rule("\\b(?:(?:at|by|before|for|on|until|till) )?(?:the )?(?:end of (?:the |this )?month|month end|month's end)\\b",
        (m, f, today) -> setDate(f, today.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth())));
    rule("\\b(?:for |during |in )?next month(?:'s)?\\b", (m, f, today) -> nextMonth(f, today));
    rule("\\b(?:for |in |over |during )?(?:the )?(?:next|coming) (?<n>\\d+) days\\b",
        (m, f, today) -> nextDays(f, today, number(m, "n")));
  }

  private static double amount(MatchResult m) {
    String word = m.group("word");
    if (word == null) {
      return Double.parseDouble(m.group("num"));
    }
    return switch (word) {
      case "half an", "half a", "a half" -> 0.5;
      case "a couple of", "couple of" -> 2;
      case "a few", "few" -> 3;
      default -> 1;
    };
  }

  private static java.time.Duration extra(MatchResult m) {
    if ("a half".equals(m.group("extra"))) {
      return duration(0.5, unit(m.group("unit")));
    }
    if ("a quarter".equals(m.group("extra"))) {
      return duration(0.25, unit(m.group("unit")));
    }
    return m.group("extramin") == null ? java.time.Duration.ZERO : duration(number(m, "extramin"), "min");
  }

  private static String unit(String word) {
    return DateGrammar.unit(word, "mo");
  }

  private static void part(MatchResult m, TimeFacts f) {
    String part = m.group("part");
    if (part != null) {
      f.partOfDay = TimeFacts.PartOfDay.valueOf(part.toUpperCase(Locale.ROOT));
    }
  }

  private static int month(MatchResult m) {
    return MONTHS.get(m.group("month").substring(0, 3));
  }

  private static Integer year(MatchResult m) {
    String year = m.group("year");
    return year == null ? null : Integer.valueOf(year);
  }

  private static LocalDate holiday(String name, LocalDate today) {
    if (name.startsWith("christmas eve")) {
      return TimeFacts.upcoming(today, 12, 24, null);
    }
    if (name.startsWith("christmas")) {
      return TimeFacts.upcoming(today, 12, 25, null);
    }
    return name.endsWith("eve") ? TimeFacts.upcoming(today, 12, 31, null) : TimeFacts.upcoming(today, 1, 1, null);
  }
}
