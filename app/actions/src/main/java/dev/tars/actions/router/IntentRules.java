package dev.tars.actions.router;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One language's sentence rules. The time expression is taken out first, then courtesy words ("could you",
 * "por favor"); what is left must start with a command (a trigger). The first trigger that matches decides
 * the intent, and the words after it, trimmed of connectors, are the free text. Look-alikes that ask for no
 * action ("remind me what a monad is") are checked before any trigger.
 */
final class IntentRules {
  /** What a trigger needs besides its words. */
  enum Need { NOTHING, MOMENT, MOMENT_OR_SPAN, CALENDAR_PHRASE, CALENDAR_PHRASE_AND_MOMENT }

  record Trigger(Intent intent, Pattern pattern, double confidence, Need need) {}

  /** Below this the first stage is unsure and a loaded model may decide instead. */
  static final double SURE = 0.7;
  private static final double LOOKALIKE = 0.85;
  private static final double NO_COMMAND = 0.9;
  private static final double KEYWORD_WITHOUT_COMMAND = 0.55;
  private static final double INCOMPLETE = 0.65;

  private final Pattern politePrefix;
  private final Pattern politeAnywhere;
  private final Pattern calendarPhrase;
  private final Pattern eventNoise;
  private final Pattern actionWords;
  private final List<Pattern> lookalikes;
  private final List<Trigger> triggers;
  private final Map<Intent, List<String[]>> leading;
  private final List<String[]> trailing;
  private final List<String> locationWords;
  private final List<String> locationArticles;
  private final List<String[]> factTrailing;
  private final Pattern wholeWeek;

  private IntentRules(Builder b) {
    this.politePrefix = b.politePrefix;
    this.politeAnywhere = b.politeAnywhere;
    this.calendarPhrase = b.calendarPhrase;
    this.eventNoise = b.eventNoise;
    this.actionWords = b.actionWords;
    this.lookalikes = List.copyOf(b.lookalikes);
    this.triggers = List.copyOf(b.triggers);
    this.leading = Map.copyOf(b.leading);
    this.trailing = sorted(b.trailing);
    this.locationWords = List.copyOf(b.locationWords);
    this.locationArticles = List.copyOf(b.locationArticles);
    this.factTrailing = sorted(b.factTrailing);
    this.wholeWeek = b.wholeWeek;
  }

  Routed classify(Utterance utterance, DateGrammar.Parsed parsed, LocalDateTime now, String lang) {
    View view = View.without(utterance, parsed.timeTokens()).removeAll(politeAnywhere);
    Matcher prefix = politePrefix.matcher(view.normalized());
    if (prefix.lookingAt() && prefix.end() > 0) {
      view = view.from(view.positionAt(prefix.end()));
    }
    String text = view.normalized();
    for (Pattern lookalike : lookalikes) {
      if (lookalike.matcher(text).lookingAt()) {
        return none(LOOKALIKE, lang);
      }
    }
    TimeFacts facts = parsed.facts();
    boolean calendar = calendarPhrase.matcher(text).find();
    for (Trigger trigger : triggers) {
      Matcher m = trigger.pattern().matcher(text);
      if (!m.lookingAt() || !satisfied(trigger.need(), facts, calendar)) {
        continue;
      }
      int end = view.positionAt(m.end());
      Routed routed = fill(trigger, view, end, utterance, facts, now, lang);
      if (routed != null) {
        return routed;
      }
    }
    return none(actionWords.matcher(text).find() ? KEYWORD_WITHOUT_COMMAND : NO_COMMAND, lang);
  }

  private static boolean satisfied(Need need, TimeFacts facts, boolean calendar) {
    return switch (need) {
      case NOTHING -> true;
      case MOMENT -> facts.hasMoment();
      case MOMENT_OR_SPAN -> facts.hasMoment() || facts.spanFrom != null;
      case CALENDAR_PHRASE -> calendar;
      case CALENDAR_PHRASE_AND_MOMENT -> calendar && facts.hasMoment();
    };
  }

  private Routed fill(Trigger trigger, View view, int end, Utterance utterance, TimeFacts facts, LocalDateTime now,
      String lang) {
    Intent intent = trigger.intent();
    View rest = view.from(end);
    Map<String, String> slots = new LinkedHashMap<>();
    boolean complete = true;
    switch (intent) {
      case REMINDER_CREATE -> {
        String text = trim(rest, leading(intent), trailing).raw();
        LocalDateTime when = facts.resolveMoment(now);
        if (text.isEmpty() && when == null) {
          return null;
        }
        put(slots, Slots.TEXT, text);
        if (when != null) {
          slots.put(Slots.WHEN, Slots.format(when));
        }
        complete = !text.isEmpty() && when != null;
      }
      case NOTE_CREATE, MEMORY_REMEMBER -> {
        // Free text keeps its date words: a note or a fact has no date slot to put them in.
        int first = end == 0 ? 0 : view.original(end - 1) + 1;
        View after = View.all(utterance).from(first).removeAll(politeAnywhere);
        String text = trim(after, leading(intent), intent == Intent.MEMORY_REMEMBER ? factTrailing : List.of()).raw();
        if (text.isEmpty()) {
          return null;
        }
        if (intent == Intent.MEMORY_REMEMBER && utterance.normalized().endsWith("?")) {
          return none(KEYWORD_WITHOUT_COMMAND, lang);
        }
        slots.put(intent == Intent.NOTE_CREATE ? Slots.TEXT : Slots.FACT, text);
      }
      case NOTE_SEARCH -> {
        String query = trim(rest, leading(intent), trailing).raw();
        put(slots, Slots.QUERY, query);
        complete = !query.isEmpty();
      }
      case EVENT_CREATE -> {
        View what = rest.removeAll(calendarPhrase).removeAll(eventNoise);
        int at = locationStart(what);
        String title = trim(what.slice(0, at < 0 ? what.size() : at), leading(intent), trailing).raw();
        String location = at < 0 ? "" : trim(what.from(at + 1), List.of(), trailing).raw();
        String start = facts.resolveStart(now);
        if (title.isEmpty() && start == null) {
          return null;
        }
        put(slots, Slots.TITLE, title);
        if (start != null) {
          slots.put(Slots.START, start);
          String finish = facts.resolveEnd(now);
          if (finish != null) {
            slots.put(Slots.END, finish);
          }
        }
        put(slots, Slots.LOCATION, location);
        complete = !title.isEmpty() && start != null;
      }
      case AGENDA_QUERY -> {
        if (facts.isEmpty() && wholeWeek.matcher(view.normalized()).find()) {
          DateGrammar.thisWeek(facts, now.toLocalDate()); // "what does my week look like"
        }
        LocalDate[] days = facts.resolveDays(now);
        slots.put(Slots.FROM, days[0].toString());
        slots.put(Slots.TO, days[1].toString());
      }
      case NONE -> {
        return none(LOOKALIKE, lang);
      }
    }
    double confidence = complete ? trigger.confidence() : Math.min(trigger.confidence(), INCOMPLETE);
    return new Routed(intent, slots, confidence, lang, otherReadings(slots, facts, now));
  }

  /**
   * For a clock hour said without am/pm or a part of the day ("at 3", "a las 5"), the date-time slots read
   * the other way round (03:00 instead of 15:00), so a card can ask instead of guessing.
   */
  private static Map<String, String> otherReadings(Map<String, String> slots, TimeFacts facts, LocalDateTime now) {
    if (!facts.clockIsAmbiguous()) {
      return Map.of();
    }
    Map<String, String> other = new LinkedHashMap<>();
    for (String name : List.of(Slots.WHEN, Slots.START, Slots.END)) {
      String value = slots.get(name);
      if (value == null || value.length() != Slots.format(now).length()) {
        continue;
      }
      LocalDateTime read = LocalDateTime.parse(value);
      LocalDateTime flipped = read.getHour() >= 12 ? read.minusHours(12) : read.plusHours(12);
      if (facts.date == null && !flipped.isAfter(now)) {
        flipped = flipped.plusDays(1); // no day named: the other reading's next occurrence
      }
      other.put(name, Slots.format(flipped));
    }
    return other;
  }

  /** Where a place starts: the last "at"/"en" followed by a capitalized word or an article; -1 for none. */
  private int locationStart(View what) {
    for (int i = what.size() - 2; i >= 1; i--) {
      if (!locationWords.contains(what.norm(i))) {
        continue;
      }
      String next = what.raw(i + 1);
      if (Character.isUpperCase(next.codePointAt(0)) || locationArticles.contains(what.norm(i + 1))) {
        return i;
      }
    }
    return -1;
  }

  private List<String[]> leading(Intent intent) {
    return leading.getOrDefault(intent, List.of());
  }

  /** Drops connector word sequences from the start and the end, repeatedly; punctuation always goes. */
  private static View trim(View view, List<String[]> lead, List<String[]> trail) {
    int from = 0;
    int to = view.size();
    boolean changed = true;
    while (changed && from < to) {
      changed = false;
      if (isMark(view.norm(from))) {
        from++;
        changed = true;
        continue;
      }
      for (String[] words : lead) {
        if (matchesAt(view, from, to, words)) {
          from += words.length;
          changed = true;
          break;
        }
      }
    }
    changed = true;
    while (changed && to > from) {
      changed = false;
      if (isMark(view.norm(to - 1))) {
        to--;
        changed = true;
        continue;
      }
      for (String[] words : trail) {
        if (matchesAt(view, to - words.length, to, words) && to - words.length >= from) {
          to -= words.length;
          changed = true;
          break;
        }
      }
    }
    return view.slice(from, to);
  }

  private static boolean isMark(String norm) {
    return norm.length() == 1 && ".,;:?!-–—\"'".contains(norm);
  }

  private static boolean matchesAt(View view, int at, int limit, String[] words) {
    if (at < 0 || at + words.length > limit) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!view.norm(at + i).equals(words[i])) {
        return false;
      }
    }
    return true;
  }

  private static void put(Map<String, String> slots, String name, String value) {
    if (!value.isEmpty()) {
      slots.put(name, value);
    }
  }

  static Routed none(double confidence, String lang) {
    return new Routed(Intent.NONE, Map.of(), confidence, lang);
  }

  private static List<String[]> sorted(List<String[]> sequences) {
    List<String[]> copy = new ArrayList<>(sequences);
    copy.sort(Comparator.comparingInt((String[] s) -> s.length).reversed());
    return List.copyOf(copy);
  }

  /** Builds one language's rules; patterns are matched against normalized text (see {@link Utterance}). */
  static final class Builder {
    private Pattern politePrefix;
    private Pattern politeAnywhere;
    private Pattern calendarPhrase;
    private Pattern eventNoise = Pattern.compile("(?!)");
    private Pattern actionWords;
    private final List<Pattern> lookalikes = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final Map<Intent, List<String[]>> leading = new LinkedHashMap<>();
    private final List<String[]> trailing = new ArrayList<>();
    private List<String> locationWords = List.of();
    private List<String> locationArticles = List.of();
    private final List<String[]> factTrailing = new ArrayList<>();
    private Pattern wholeWeek = Pattern.compile("(?!)");

    /** Courtesy at the start, alternatives separated by {@code |}; the longest alternative is tried first. */
    Builder politePrefix(String alternatives) {
      List<String> sorted = new ArrayList<>(List.of(alternatives.split("\\|")));
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      politePrefix = Pattern.compile("(?:(?:" + String.join("|", sorted) + ")(?: |$))+");
      return this;
    }

    Builder politeAnywhere(String regex) {
      politeAnywhere = Pattern.compile("\\b(?:" + regex + ")\\b");
      return this;
    }

    Builder calendarPhrase(String regex) {
      calendarPhrase = Pattern.compile(regex);
      return this;
    }

    /** Words around an event's title that only point at it ("..., add it to my calendar"). */
    Builder eventNoise(String regex) {
      eventNoise = Pattern.compile(regex);
      return this;
    }

    Builder actionWords(String regex) {
      actionWords = Pattern.compile("\\b(?:" + regex + ")\\b");
      return this;
    }

    Builder lookalike(String regex) {
      lookalikes.add(Pattern.compile(regex));
      return this;
    }

    /**
     * A statement that is itself the command, kept whole as the free text ("my birthday is on March 3rd"):
     * {@code regex} is looked for at the start and nothing is cut off.
     */
    Builder statement(Intent intent, double confidence, String regex) {
      triggers.add(new Trigger(intent, Pattern.compile("(?=(?:" + regex + ")(?:$| ))"), confidence, Need.NOTHING));
      return this;
    }

    /** Words closing a remembered fact that only ask to remember it ("..., remember that"). */
    Builder factTrailing(String... sequences) {
      for (String s : sequences) {
        factTrailing.add(s.split(" "));
      }
      return this;
    }

    /** An agenda question about "my week" with no other period means this week. */
    Builder wholeWeek(String regex) {
      wholeWeek = Pattern.compile(regex);
      return this;
    }

    Builder trigger(Intent intent, double confidence, Need need, String regex) {
      triggers.add(new Trigger(intent, Pattern.compile("(?:" + regex + ")(?=$| )"), confidence, need));
      return this;
    }

    /** Connector words dropped from the start of an intent's free text, as space-separated sequences. */
    Builder leading(Intent intent, String... sequences) {
      List<String[]> list = new ArrayList<>();
      for (String s : sequences) {
        list.add(s.split(" "));
      }
      leading.put(intent, sorted(list));
      return this;
    }

    Builder trailing(String... sequences) {
      for (String s : sequences) {
        trailing.add(s.split(" "));
      }
      return this;
    }

    Builder location(List<String> words, List<String> articles) {
      locationWords = words;
      locationArticles = articles;
      return this;
    }

    IntentRules build() {
      return new IntentRules(this);
    }
  }
}
