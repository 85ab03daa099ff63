package dev.tars.actions.router;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds time expressions in a normalized utterance with one list of regular-expression rules per language.
 * Every rule is tried over the whole text; where matches overlap the longest wins ("the day after tomorrow"
 * over "tomorrow"), and each kept match adds what it says to one {@link TimeFacts}. The tokens a match covers
 * are marked, so that free text can be given back without the time expression.
 */
abstract class DateGrammar {
  /** What a time expression found, and which tokens said it. */
  record Parsed(TimeFacts facts, boolean[] timeTokens) {}

  @FunctionalInterface
  interface Action {
    void apply(MatchResult match, TimeFacts facts, LocalDate today);
  }

  private record Rule(Pattern pattern, Action action) {}

  private record Hit(int start, int end, Rule rule, MatchResult match) {
    int length() {
      return end - start;
    }
  }

  private final List<Rule> rules = new ArrayList<>();

  protected final void rule(String regex, Action action) {
    rules.add(new Rule(Pattern.compile(regex), action));
  }

  Parsed parse(Utterance utterance, LocalDateTime now) {
    String text = utterance.normalized();
    List<Hit> hits = new ArrayList<>();
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        if (m.end() > m.start()) {
          hits.add(new Hit(m.start(), m.end(), rule, m.toMatchResult()));
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::length).reversed().thenComparingInt(Hit::start));
    List<Hit> kept = new ArrayList<>();
    for (Hit hit : hits) {
      if (kept.stream().noneMatch(k -> hit.start() < k.end() && k.start() < hit.end())) {
        kept.add(hit);
      }
    }
    kept.sort(Comparator.comparingInt(Hit::start));
    TimeFacts facts = new TimeFacts();
    boolean[] timeTokens = new boolean[utterance.size()];
    for (Hit hit : kept) {
      hit.rule().action().apply(hit.match(), facts, now.toLocalDate());
      int[] span = utterance.span(hit.start(), hit.end());
      for (int i = span[0]; i < span[1]; i++) {
        timeTokens[i] = true;
      }
    }
    return new Parsed(facts, timeTokens);
  }

  // Helpers shared by the languages.

  static int number(MatchResult m, String group) {
    return Integer.parseInt(m.group(group));
  }

  static int numberOr(MatchResult m, String group, int otherwise) {
    String value = m.group(group);
    return value == null ? otherwise : Integer.parseInt(value);
  }

  static void setTime(TimeFacts facts, int hour, int minute, TimeFacts.Meridiem meridiem) {
    if (hour > 24 || minute > 59) {
      return;
    }
    facts.hour = hour == 24 ? 0 : hour;
    facts.minute = minute;
    if (meridiem != null) {
      facts.meridiem = meridiem;
    }
  }

  static TimeFacts.Meridiem meridiem(String letter) {
    if (letter == null || letter.isEmpty()) {
      return null;
    }
    return letter.startsWith("p") ? TimeFacts.Meridiem.PM : TimeFacts.Meridiem.AM;
  }

  /** A range's start and end; groups h, min, ampm, eh, emin, eampm. */
  static void range(MatchResult m, TimeFacts facts, LocalDate today) {
    int hour = number(m, "h");
    int endHour = number(m, "eh");
    int minute = numberOr(m, "min", 0);
    int endMinute = numberOr(m, "emin", 0);
    if (hour > 24 || endHour > 24 || minute > 59 || endMinute > 59) {
      return;
    }
    setTime(facts, hour, minute, meridiem(m.group("ampm")));
    facts.endHour = endHour % 24;
    facts.endMinute = endMinute;
    facts.endMeridiem = meridiem(m.group("eampm"));
  }

  static void addOffset(TimeFacts facts, Duration amount) {
    facts.offset = facts.offset == null ? amount : facts.offset.plus(amount);
  }

  static void thisWeek(TimeFacts facts, LocalDate today) {
    facts.spanFrom = today;
    facts.spanTo = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
  }

  static void nextWeek(TimeFacts facts, LocalDate today) {
    facts.spanFrom = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    facts.spanTo = facts.spanFrom.plusDays(6);
  }

  static void weekend(TimeFacts facts, LocalDate today) {
    LocalDate saturday = today.getDayOfWeek() == DayOfWeek.SUNDAY ? today
        : today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    facts.spanFrom = saturday;
    facts.spanTo = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
  }

  static void thisMonth(TimeFacts facts, LocalDate today) {
    facts.spanFrom = today;
    facts.spanTo = today.with(TemporalAdjusters.lastDayOfMonth());
  }

  static void nextMonth(TimeFacts facts, LocalDate today) {
    facts.spanFrom = today.plusMonths(1).withDayOfMonth(1);
    facts.spanTo = facts.spanFrom.with(TemporalAdjusters.lastDayOfMonth());
  }

  static void nextDays(TimeFacts facts, LocalDate today, int days) {
    facts.spanFrom = today;
    facts.spanTo = today.plusDays(Math.max(1, Math.min(days, 366)) - 1);
  }

  static void setDate(TimeFacts facts, LocalDate date) {
    if (date != null) {
      facts.date = date;
    }
  }

  /**
   * The unit a unit word names (min, hour, day, week, month): minute, hour and day words start with m, h and d
   * in English and Spanish alike; the month's word is told apart from the minute's by {@code monthPrefix}.
   */
  static String unit(String word, String monthPrefix) {
    if (word.startsWith(monthPrefix)) {
      return "month";
    }
    if (word.startsWith("m")) {
      return "min";
    }
    if (word.startsWith("h")) {
      return "hour";
    }
    return word.startsWith("d") ? "day" : "week";
  }

  /** Minutes in {@code amount} of {@code unit}, where the unit is a word's stem (min, hour, day, week...). */
  static Duration duration(double amount, String unit) {
    double minutes = switch (unit) {
      case "m", "min", "minute", "minuto" -> 1;
      case "h", "hr", "hour", "hora" -> 60;
      case "d", "day", "dia" -> 60 * 24;
      case "week", "semana" -> 60 * 24 * 7;
      case "month", "mes" -> 60 * 24 * 30;
      default -> 0;
    };
    return Duration.ofMinutes(Math.round(amount * minutes));
  }
}
