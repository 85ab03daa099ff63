package dev.tars.voice.readaloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cuts a streamed answer into speakable sentences as it arrives, so the first sentence can be read aloud while the
 * model is still writing the rest. Markdown is reduced to what a listener should hear: code blocks are skipped,
 * emphasis marks, heading hashes, list markers and link targets are dropped.
 *
 * <p>A sentence ends at {@code . ! ?} (with closing quotes or brackets) followed by white space, or at a line
 * break; not after common abbreviations, list numbers or decimal points. A run-on longer than
 * {@value #MAX_SENTENCE} characters is cut at its last comma or space, so speech never waits long for a full stop.
 * Not thread-safe.
 */
public final class SentenceSplitter {
  static final int MAX_SENTENCE = 240;
  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs",
      "etc", "e.g", "i.e", "eg", "ie", "approx", "no", "fig", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m");
  private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+");
  private static final Pattern HEADING = Pattern.compile("^\\s*#{1,6}\\s*");
  private static final Pattern QUOTE = Pattern.compile("^\\s*>\\s*");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|_{2,3}|~~|`)");

  private final StringBuilder pending = new StringBuilder();
  private boolean inCodeBlock;

  /** Adds streamed text; returns the sentences it completed, ready to speak (possibly none). */
  public List<String> append(String delta) {
    pending.append(delta);
    return drain(false);
  }

  /** The stream ended: returns whatever is left as the last sentence(s). */
  public List<String> finish() {
    List<String> out = drain(true);
    String rest = speakable(pending.toString());
    pending.setLength(0);
    inCodeBlock = false;
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  private List<String> drain(boolean atEnd) {
    List<String> out = new ArrayList<>();
    int cut;
    while ((cut = nextCut(atEnd)) > 0) {
      String piece = pending.substring(0, cut);
      pending.delete(0, cut);
      String sentence = speakable(piece);
      if (!sentence.isEmpty()) {
        out.add(sentence);
      }
    }
    return out;
  }

  /** Index just past the next complete sentence, or 0 when none is complete yet. */
  private int nextCut(boolean atEnd) {
    for (int i = 0; i < pending.length(); i++) {
      if (atLineStart(i) && pending.indexOf("```", i) == i) {
        int lineEnd = pending.indexOf("\n", i);
        if (lineEnd < 0) {
          return 0;
        }
        if (inCodeBlock) {
          inCodeBlock = false;
          pending.delete(0, lineEnd + 1);
          return nextCut(atEnd);
        }
        inCodeBlock = true;
        if (i > 0) {
          return i;
        }
        pending.delete(0, lineEnd + 1);
        return nextCut(atEnd);
      }
      if (inCodeBlock) {
        int lineEnd = pending.indexOf("\n", i);
        if (lineEnd < 0) {
          return 0;
        }
        pending.delete(0, lineEnd + 1);
        return nextCut(atEnd);
      }
      char c = pending.charAt(i);
      if (c == '\n') {
        return i + 1;
      }
      if (c == '.' || c == '!' || c == '?') {
        int end = i + 1;
        while (end < pending.length() && "\"'”’)]*_".indexOf(pending.charAt(end)) >= 0) {
          end++;
        }
        if (end >= pending.length()) {
          return 0;
        }
        if (Character.isWhitespace(pending.charAt(end)) && (c != '.' || !continuesAfterPeriod(i))) {
          return end;
        }
        i = end - 1;
      }
    }
    if (pending.length() > MAX_SENTENCE) {
      int comma = pending.lastIndexOf(", ", MAX_SENTENCE);
      int space = pending.lastIndexOf(" ", MAX_SENTENCE);
      int at = comma > MAX_SENTENCE / 3 ? comma + 1 : space > 0 ? space : MAX_SENTENCE;
      return at;
    }
    return 0;
  }

  private boolean atLineStart(int i) {
    int j = i - 1;
    while (j >= 0 && (pending.charAt(j) == ' ' || pending.charAt(j) == '\t')) {
      j--;
    }
    return j < 0 || pending.charAt(j) == '\n';
  }

  /** Whether the period at {@code dot} belongs to an abbreviation or a list number rather than ending a sentence. */
  private boolean continuesAfterPeriod(int dot) {
    int start = dot;
    while (start > 0 && !Character.isWhitespace(pending.charAt(start - 1)) && pending.charAt(start - 1) != '(') {
      start--;
    }
    String word = pending.substring(start, dot).toLowerCase(Locale.ROOT).replaceAll("^[\"'(*_]+", "");
    if (ABBREVIATIONS.contains(word)) {
      return true;
    }
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return true;
    }
    return !word.isEmpty() && word.chars().allMatch(Character::isDigit) && word.length() <= 3 && atLineStart(start);
  }

  /** What a listener should hear of a piece of Markdown. */
  static String speakable(String markdown) {
    String text = LINK.matcher(markdown).replaceAll("$1");
    text = HEADING.matcher(text).replaceFirst("");
    text = QUOTE.matcher(text).replaceFirst("");
    text = LIST_MARKER.matcher(text).replaceFirst("");
    text = EMPHASIS.matcher(text).replaceAll("");
    text = text.replace('|', ' ').replaceAll("\\s+", " ").strip();
    return text.chars().anyMatch(Character::isLetterOrDigit) ? text : "";
  }
}
