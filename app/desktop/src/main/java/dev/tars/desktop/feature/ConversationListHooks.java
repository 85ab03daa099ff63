package dev.tars.desktop.feature;

import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * The sidebar's conversation list as other features extend it (projects: the switcher above the list, "Move to
 * project…" and "Export…" on each conversation), so that none of them imports the list. The shell gets it from the
 * list and hands it on. UI thread only.
 */
public interface ConversationListHooks {
  /** A conversation of the list, as a menu action receives it. */
  record Entry(long id, String title) {}

  /** Puts {@code node} under the app's name, above New chat. */
  void addHeader(Node node);

  /** Adds "Move to project…" to each conversation's menu; {@code action} asks where to and moves it. */
  void setMoveAction(Consumer<Entry> action);

  /** Adds "Export…" to each conversation's menu. */
  void setExportAction(Consumer<Entry> action);
}
