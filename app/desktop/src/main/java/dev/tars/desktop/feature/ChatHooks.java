package dev.tars.desktop.feature;

import dev.tars.chat.AnswerSource;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * The chat's extension points for the features that add to it (documents, memory): what they may put into
 * the chat and what they may watch, so that no feature imports the chat's view or view model. The shell gets
 * it from the chat and hands it to each feature. Used on the JavaFX thread only.
 */
public interface ChatHooks {
  /** Adds a control (a switch, a microphone button) to the input row, before Send. */
  void addComposerTool(Node tool);

  /** What a click on a document citation under an answer does; nothing by default. */
  void setCitationOpener(Consumer<AnswerSource> opener);

  /** Work run in the background with a new conversation's id, before its first message is sent. */
  void setBeforeFirstMessage(LongConsumer work);

  /** The conversation shown; null for a new one that is not stored yet. */
  ObservableValue<Long> conversationId();

  /** True while an answer streams. */
  ObservableBooleanValue answering();

  /** Whether the chat is on screen (a shortcut nobody can see the effect of must do nothing). */
  boolean isShowing();

  /** Shows {@code card} at the end of the conversation (e.g. a tool call waiting for a decision) until removed. */
  void showCard(Node card);

  /** Takes away a card shown with {@link #showCard}; nothing when it is not shown (or null). */
  void removeCard(Node card);

  /** How the answer sources of {@code kind} are shown under an answer (instead of in the "used" line). */
  void setSourceView(String kind, java.util.function.Function<java.util.List<AnswerSource>, Node> view);
}
