package dev.tars.desktop.voice;

import dev.tars.chat.MessageStatus;
import dev.tars.desktop.chat.ChatViewModel;
import dev.tars.desktop.chat.MessageItem;
import dev.tars.engine.Role;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.collections.ListChangeListener;

/**
 * Auto-read for the chat, without the chat knowing about voice: watches the shown messages for an answer that
 * starts streaming and feeds its growing text to {@link ReadAloudViewModel}. UI thread only.
 */
public final class ChatReadAloud {
  private final ReadAloudViewModel readAloud;
  private final Set<MessageItem> followed = Collections.newSetFromMap(new WeakHashMap<>());

  private ChatReadAloud(ReadAloudViewModel readAloud) {
    this.readAloud = readAloud;
  }

  public static ChatReadAloud attach(ChatViewModel chat, ReadAloudViewModel readAloud) {
    ChatReadAloud bridge = new ChatReadAloud(readAloud);
    chat.messagesProperty().addListener((ListChangeListener<MessageItem>) change -> {
      while (change.next()) {
        for (MessageItem item : change.getAddedSubList()) {
          bridge.maybeFollow(item);
        }
      }
    });
    return bridge;
  }

  private void maybeFollow(MessageItem item) {
    if (item.role() != Role.ASSISTANT || item.status() != MessageStatus.STREAMING || !followed.add(item)) {
      return;
    }
    readAloud.streamStarted(item);
    readAloud.streamed(item, item.content());
    item.contentProperty().addListener((obs, old, now) -> readAloud.streamed(item, now));
    item.statusProperty().addListener((obs, old, now) -> {
      if (now != MessageStatus.STREAMING) {
        readAloud.streamed(item, item.content());
        readAloud.streamEnded(item);
      }
    });
  }
}
