package dev.tars.desktop.feature;

import dev.tars.chat.MessageStatus;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;

/**
 * An answer as the chat shows it, for features that follow or act on answers (read-aloud) without importing the
 * chat. The same answer is always the same object, so it can serve as a key. UI thread only.
 */
public interface ChatAnswer {
  /** The text so far; it grows while the answer streams. */
  ObservableStringValue contentProperty();

  String content();

  /** {@code STREAMING} until the answer is complete, stopped or interrupted. */
  ObservableValue<MessageStatus> statusProperty();
}
