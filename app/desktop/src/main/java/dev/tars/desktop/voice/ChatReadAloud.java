package dev.tars.desktop.voice;

import dev.tars.chat.MessageStatus;
import dev.tars.desktop.feature.ChatAnswer;
import dev.tars.desktop.feature.ChatHooks;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Auto-read for the chat, without the chat knowing about voice: watches the answers the chat shows for one that
 * starts streaming and feeds its growing text to {@link ReadAloudViewModel}. UI thread only.
 */
public final class ChatReadAloud {
  private final ReadAloudViewModel readAloud;
  private final Set<ChatAnswer> followed = Collections.newSetFromMap(new WeakHashMap<>());

  private ChatReadAloud(ReadAloudViewModel readAloud) {
    this.readAloud = readAloud;
  }

  public static ChatReadAloud attach(ChatHooks chat, ReadAloudViewModel readAloud) {
    ChatReadAloud bridge = new ChatReadAloud(readAloud);
    chat.addAnswerListener(bridge::maybeFollow);
    return bridge;
  }

  private void maybeFollow(ChatAnswer answer) {
    if (answer.statusProperty().getValue() != MessageStatus.STREAMING || !followed.add(answer)) {
      return;
    }
    readAloud.streamStarted(answer);
    readAloud.streamed(answer, answer.content());
    answer.contentProperty().addListener((obs, old, now) -> readAloud.streamed(answer, now));
    answer.statusProperty().addListener((obs, old, now) -> {
      if (now != MessageStatus.STREAMING) {
        readAloud.streamed(answer, answer.content());
        readAloud.streamEnded(answer);
      }
    });
  }
}
