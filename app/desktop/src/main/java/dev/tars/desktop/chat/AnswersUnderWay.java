package dev.tars.desktop.chat;

import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.Reply;
import dev.tars.chat.ReplyListener;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The answers the chat is streaming, one per conversation at most, whichever conversation is shown: starting a
 * reply, stopping it (also before the service has handed it back), and ending it as finished or failed. UI thread
 * only; the service's callbacks come back through {@link StreamedAnswer}.
 */
final class AnswersUnderWay {
  /** How the ending of an answer shows on the page (only when its conversation is the one shown). */
  interface Page {
    void setState(ChatSession session, ChatViewModel.State state);

    void trimmed(ChatSession session);
  }

  /** Asks the chat service for a reply; runs in the background. */
  interface ReplyStart {
    Reply start() throws Exception;
  }

  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final LongConsumer conversationChanged;
  private final Page page;
  private final Map<Long, ChatSession> streaming = new HashMap<>();

  AnswersUnderWay(Background background, I18n i18n, Notices notices, LongConsumer conversationChanged, Page page) {
    this.background = background;
    this.i18n = i18n;
    this.notices = notices;
    this.conversationChanged = conversationChanged;
    this.page = page;
  }

  /** The session streaming into conversation {@code conversationId}, or null. */
  ChatSession streamingInto(long conversationId) {
    return streaming.get(conversationId);
  }

  /**
   * Starts a reply of {@code session} into {@code answer}, the conversation being stored.
   *
   * @param notStarted runs when the service refused before storing anything
   */
  void start(ChatSession session, MessageItem answer, ReplyStart start, Runnable notStarted) {
    streaming.put(session.conversationId, session);
    background.run(start::start, reply -> {
      if (!session.generating() || answer.status() != MessageStatus.STREAMING) {
        return;
      }
      session.reply = reply;
      if (session.stopRequested) {
        background.run(reply::stop, e -> notices.error(i18n.get("chat.stopFailed")));
      }
    }, e -> {
      notStarted.run();
      failed(session, answer, i18n.get("chat.sendFailed"));
    });
  }

  /** The service's listener for {@code answer}: fills it in as text streams and ends it. */
  ReplyListener listenerFor(ChatSession session, MessageItem answer) {
    return new StreamedAnswer(background.ui(), answer, dropped -> {
      session.trimNotice = i18n.get("chat.trimmed", dropped);
      page.trimmed(session);
    }, stored -> finish(session, answer, stored), message -> failed(session, answer, message));
  }

  /** Stops the answer of {@code session} at once; what was generated stays, marked as stopped. */
  void stop(ChatSession session) {
    session.stopRequested = true;
    if (session.reply != null) {
      Reply reply = session.reply;
      background.run(reply::stop, e -> notices.error(i18n.get("chat.stopFailed")));
    }
  }

  /** See {@link ChatViewModel#stopAll()}. */
  CompletableFuture<Void> stopAll() {
    List<CompletableFuture<?>> stored = new ArrayList<>();
    for (ChatSession session : List.copyOf(streaming.values())) {
      session.stopRequested = true;
      if (session.reply != null) {
        session.reply.stop();
        stored.add(session.reply.done().exceptionally(failure -> null));
      }
    }
    return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new));
  }

  /** Ends {@code answer} as interrupted with {@code message}, unless it has ended already. */
  void failed(ChatSession session, MessageItem answer, String message) {
    if (answer.status() != MessageStatus.STREAMING) {
      return;
    }
    answer.errorProperty().set(message);
    answer.statusProperty().set(MessageStatus.INTERRUPTED);
    notices.error(message);
    ended(session);
  }

  private void finish(ChatSession session, MessageItem answer, Message stored) {
    if (answer.status() != MessageStatus.STREAMING) {
      return;
    }
    answer.id(stored.id());
    answer.contentProperty().set(stored.content());
    answer.statusProperty().set(stored.status());
    ended(session);
  }

  private void ended(ChatSession session) {
    session.reply = null;
    page.setState(session, session.items.isEmpty() ? ChatViewModel.State.EMPTY : ChatViewModel.State.IDLE);
    if (session.conversationId != null) {
      streaming.remove(session.conversationId);
      conversationChanged.accept(session.conversationId);
    }
  }
}
