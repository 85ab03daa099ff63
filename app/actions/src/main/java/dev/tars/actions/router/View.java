package dev.tars.actions.router;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Some of an utterance's tokens, in order (for example all but the time expression), with their normalized
 * forms joined by spaces so that rules can match them; positions map back to the utterance's tokens.
 */
final class View {
  private final Utterance utterance;
  private final int[] indices;
  private final int[] starts;
  private final String normalized;

  View(Utterance utterance, int[] indices) {
    this.utterance = utterance;
    this.indices = indices;
    this.starts = new int[indices.length];
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < indices.length; i++) {
      if (i > 0) {
        joined.append(' ');
      }
      starts[i] = joined.length();
      joined.append(utterance.tokens().get(indices[i]).norm());
    }
    this.normalized = joined.toString();
  }

  static View all(Utterance utterance) {
    int[] indices = new int[utterance.size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return new View(utterance, indices);
  }

  /** Tokens not marked. */
  static View without(Utterance utterance, boolean[] marked) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < utterance.size(); i++) {
      if (!marked[i]) {
        kept.add(i);
      }
    }
    return new View(utterance, kept.stream().mapToInt(Integer::intValue).toArray());
  }

  String normalized() {
    return normalized;
  }

  int size() {
    return indices.length;
  }

  boolean isEmpty() {
    return indices.length == 0;
  }

  Utterance utterance() {
    return utterance;
  }

  /** The utterance index of this view's token {@code position}. */
  int original(int position) {
    return indices[position];
  }

  String norm(int position) {
    return utterance.tokens().get(indices[position]).norm();
  }

  String raw(int position) {
    return utterance.tokens().get(indices[position]).raw();
  }

  /** Position of the first token starting at or after {@code charIndex}. */
  int positionAt(int charIndex) {
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] >= charIndex) {
        return i;
      }
    }
    return starts.length;
  }

  /** Tokens {@code [from, to)} of this view. */
  View slice(int from, int to) {
    int[] part = new int[Math.max(0, to - from)];
    System.arraycopy(indices, from, part, 0, part.length);
    return new View(utterance, part);
  }

  View from(int position) {
    return slice(Math.min(position, indices.length), indices.length);
  }

  /** This view without the tokens a match of {@code pattern} covers (every match). */
  View removeAll(Pattern pattern) {
    Matcher m = pattern.matcher(normalized);
    boolean[] drop = new boolean[indices.length];
    boolean any = false;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      int from = positionAt(m.start());
      for (int i = from; i < indices.length && starts[i] < m.end(); i++) {
        drop[i] = true;
        any = true;
      }
    }
    if (!any) {
      return this;
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < indices.length; i++) {
      if (!drop[i]) {
        kept.add(indices[i]);
      }
    }
    return new View(utterance, kept.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The person's words, punctuation closed up. */
  String raw() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < indices.length; i++) {
      String raw = raw(i);
      boolean mark = raw.length() == 1 && ".,;:?!)".indexOf(raw.charAt(0)) >= 0;
      if (!text.isEmpty() && !mark) {
        text.append(' ');
      }
      text.append(raw);
    }
    return text.toString();
  }
}
