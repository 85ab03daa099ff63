package dev.tars.desktop.feature;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Requests to show one note, event or reminder on the page that owns it, so that a feature can link to
 * another's items without importing its pages: the Agenda page registers for {@link Kind#EVENT} and
 * {@link Kind#REMINDER}, the Notes page for {@link Kind#NOTE}, and a link (an answer in the chat, an activity
 * row) calls {@link #open}. The window holds one ({@code MainViewModel.navigation()}). UI thread only.
 */
public final class Navigation {
  /** What a target is. */
  public enum Kind {
    NOTE,
    EVENT,
    REMINDER
  }

  /**
   * One thing to show.
   *
   * @param id the note's, event's or reminder's id
   * @param day the day it happens (the occurrence of a repeating event, a reminder's due day), or null
   */
  public record Target(Kind kind, long id, LocalDate day) {
    public Target {
      Objects.requireNonNull(kind, "kind");
    }
  }

  private final Map<Kind, Consumer<Target>> pages = new EnumMap<>(Kind.class);

  /** {@code page} shows targets of {@code kind} (it switches to its page itself); the last one registered wins. */
  public void register(Kind kind, Consumer<Target> page) {
    pages.put(kind, page);
  }

  /** Whether a page can show targets of {@code kind}. */
  public boolean canOpen(Kind kind) {
    return pages.containsKey(kind);
  }

  /** Shows {@code target}; false when no page in this window shows its kind. */
  public boolean open(Target target) {
    Consumer<Target> page = pages.get(target.kind());
    if (page == null) {
      return false;
    }
    page.accept(target);
    return true;
  }
}
