package dev.tars.desktop.feature;

import dev.tars.chat.AnswerSource;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * The chat's extension points for the features that add to it (documents, memory, actions, tools, voice): what they may put into
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

  /** Reads every text sent before the chat model does; one router at most (the last one set). */
  void setInputRouter(InputRouter router);

  /** Draws the cards an {@link InputRouter} puts into the conversation. */
  void setCardView(Function<ChatCard, Node> view);

  /** Whether the chat is on screen (a shortcut nobody can see the effect of must do nothing). */
  boolean isShowing();

  /** Shows {@code card} at the end of the conversation (e.g. a tool call waiting for a decision) until removed. */
  void showCard(Node card);

  /** Takes away a card shown with {@link #showCard}; nothing when it is not shown (or null). */
  void removeCard(Node card);

  /** How the answer sources of {@code kind} are shown under an answer (instead of in the "used" line). */
  void setSourceView(String kind, java.util.function.Function<java.util.List<AnswerSource>, Node> view);

  /** The text in the input box (push-to-talk writes what it heard there). */
  StringProperty input();

  /** Sends what the input box holds, as the Send button does. */
  void send();

  /** An extra action under every answer (read aloud); {@code action} may return null for an answer. */
  void setAnswerAction(Function<ChatAnswer, Node> action);

  /** {@code listener} is called with every answer that appears in the conversation shown (streaming or not). */
  void addAnswerListener(Consumer<ChatAnswer> listener);
}
