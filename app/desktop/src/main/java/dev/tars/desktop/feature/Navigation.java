package dev.tars.desktop.feature;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one way a page links to another page's items, so that no feature imports another's pages: the page that
 * owns a kind of item registers for it (Notes for {@link Kind#NOTE}, Agenda for {@link Kind#EVENT} and
 * {@link Kind#REMINDER}, the window and then projects for {@link Kind#CONVERSATION}, Memory for {@link Kind#MEMORY}),
 * and a link (an answer in the chat, a Ctrl+K result, a cited note, an action card) calls {@link #open}. The window
 * holds one ({@code MainViewModel.navigation()}). UI thread only.
 */
public final class Navigation {
  /** What a target is. */
  public enum Kind {
    NOTE,
    EVENT,
    REMINDER,
    CONVERSATION,
    MEMORY
  }

  /**
   * One thing to show.
   *
   * @param id the note's, event's, reminder's, conversation's or memory's id
   * @param day the day it happens (the occurrence of a repeating event, a reminder's due day), or null
   * @param messageId in a conversation, the message to scroll to; 0 = none
   */
  public record Target(Kind kind, long id, LocalDate day, long messageId) {
    public Target {
      Objects.requireNonNull(kind, "kind");
    }

    public Target(Kind kind, long id, LocalDate day) {
      this(kind, id, day, 0);
    }

    public static Target note(long noteId) {
      return new Target(Kind.NOTE, noteId, null);
    }

    /** The agenda on {@code day} with the event {@code eventId} marked (0 = only the day). */
    public static Target event(long eventId, LocalDate day) {
      return new Target(Kind.EVENT, eventId, day);
    }

    /** Conversation {@code conversationId}, scrolled to {@code messageId} when it is above 0. */
    public static Target conversation(long conversationId, long messageId) {
      return new Target(Kind.CONVERSATION, conversationId, null, messageId);
    }

    public static Target memory(long memoryId) {
      return new Target(Kind.MEMORY, memoryId, null);
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
