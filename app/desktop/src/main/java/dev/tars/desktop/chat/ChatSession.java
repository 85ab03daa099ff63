package dev.tars.desktop.chat;

import dev.tars.chat.Reply;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One conversation's messages in the chat and its answer under way, if any. UI thread only. */
final class ChatSession {
  private static final int TITLE_LENGTH = 48;

  Long conversationId;
  final ObservableList<MessageItem> items = FXCollections.observableArrayList();
  ChatViewModel.State state;
  String title = "";
  String trimNotice = "";
  Reply reply;
  boolean stopRequested;
  /** The input router is reading a text: one at a time, in order. */
  boolean routing;

  /** @param conversationId the stored conversation, or null for a new one */
  ChatSession(Long conversationId) {
    this.conversationId = conversationId;
    this.state = conversationId == null ? ChatViewModel.State.EMPTY : ChatViewModel.State.LOADING;
  }

  boolean generating() {
    return state == ChatViewModel.State.GENERATING;
  }

  /** A new conversation's title: the first line of its first message, cut at a word near 48 characters. */
  static String titleFrom(String text) {
    String firstLine = text.strip().lines().findFirst().orElse("").strip();
    if (firstLine.length() <= TITLE_LENGTH) {
      return firstLine;
    }
    int cut = firstLine.lastIndexOf(' ', TITLE_LENGTH);
    return firstLine.substring(0, cut > TITLE_LENGTH / 2 ? cut : TITLE_LENGTH).strip() + "…";
  }
}
