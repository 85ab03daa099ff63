package dev.tars.desktop.fx;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Non-blocking notifications shown at the bottom of the window. Any view model may post one; the view shows
 * them as snackbars that go away by themselves. Used on the UI thread only.
 */
public final class Notices {
  public enum Kind {
    INFO,
    SUCCESS,
    WARNING,
    ERROR
  }

  /**
   * One notification.
   *
   * @param actionLabel label of the optional action button (e.g. Undo), or null
   * @param action what the button does, or null
   * @param choices more buttons after the action (a reminder's Done and Snooze); each closes the notice
   * @param sticky stays until the person picks a choice or closes it, instead of going away by itself
   */
  public record Notice(Kind kind, String text, String actionLabel, Runnable action, List<Choice> choices,
      boolean sticky) {
    public Notice {
      choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Notice(Kind kind, String text) {
      this(kind, text, null, null, List.of(), false);
    }

    public Notice(Kind kind, String text, String actionLabel, Runnable action) {
      this(kind, text, actionLabel, action, List.of(), false);
    }

    /** A notice that waits for the person to pick one of {@code choices} (or close it). */
    public static Notice asking(Kind kind, String text, List<Choice> choices) {
      return new Notice(kind, text, null, null, choices, true);
    }
  }

  /** A button on a notice. */
  public record Choice(String label, Runnable action) {}

  private final ObservableList<Notice> shown = FXCollections.observableArrayList();

  public ObservableList<Notice> shown() {
    return shown;
  }

  public void post(Notice notice) {
    shown.add(notice);
    // Three at a time; the oldest passing one goes first, so a waiting reminder is not pushed away by chatter.
    while (shown.size() > 3) {
      Notice oldest = shown.stream().filter(n -> !n.sticky()).findFirst().orElse(shown.getFirst());
      shown.remove(oldest);
    }
  }

  public void info(String text) {
    post(new Notice(Kind.INFO, text));
  }

  public void error(String text) {
    post(new Notice(Kind.ERROR, text));
  }

  public void dismiss(Notice notice) {
    shown.remove(notice);
  }
}
