package dev.tars.desktop.fx;

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
   */
  public record Notice(Kind kind, String text, String actionLabel, Runnable action) {
    public Notice(Kind kind, String text) {
      this(kind, text, null, null);
    }
  }

  private final ObservableList<Notice> shown = FXCollections.observableArrayList();

  public ObservableList<Notice> shown() {
    return shown;
  }

  public void post(Notice notice) {
    shown.add(notice);
    if (shown.size() > 3) {
      shown.removeFirst();
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
