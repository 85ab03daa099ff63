package dev.tars.desktop.chat;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.ChatService;
import dev.tars.chat.Conversation;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.desktop.feature.InputRouter;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.desktop.fx.Notices;
import dev.tars.engine.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The open conversation: its messages, the input, sending, streaming, stop and regenerate. An answer keeps
 * streaming into its own conversation when the person switches to another one. UI thread only; listener
 * callbacks from the chat service are handed over through the {@link UiDispatcher}. The answers under way, in
 * this conversation or others, are kept by {@link AnswersUnderWay}.
 */
public final class ChatViewModel {
  public enum State {
    /** A new conversation with no messages yet; it is stored on the first send. */
    EMPTY,
    LOADING,
    IDLE,
    /** An answer is being generated. */
    GENERATING
  }

  private final ChatService chats;
  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final LongConsumer conversationChanged;

  private final ReadOnlyListWrapper<MessageItem> messages = new ReadOnlyListWrapper<>();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Long> conversationId = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper trimNotice = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper canRegenerate = new ReadOnlyBooleanWrapper();
  private final StringProperty input = new SimpleStringProperty("");
  private final ReadOnlyLongWrapper focusedMessage = new ReadOnlyLongWrapper();
  private final AnswersUnderWay answers;
  private ChatSession current;
  private LongConsumer beforeFirstMessage = id -> {};
  private InputRouter inputRouter;

  /**
   * @param conversationChanged told the id of a conversation that was created or got a new message, so the
   *     sidebar can re-order and select it
   */
  public ChatViewModel(ChatService chats, Background background, I18n i18n, Notices notices,
      LongConsumer conversationChanged) {
    this.chats = chats;
    this.background = background;
    this.i18n = i18n;
    this.notices = notices;
    this.conversationChanged = conversationChanged;
    this.answers = new AnswersUnderWay(background, i18n, notices, conversationChanged, new AnswersUnderWay.Page() {
      @Override
      public void setState(ChatSession session, State newState) {
        ChatViewModel.this.setState(session, newState);
      }

      @Override
      public void trimmed(ChatSession session) {
        if (session == current) {
          trimNotice.set(session.trimNotice);
        }
      }
    });
    show(new ChatSession(null));
  }

  public ReadOnlyListProperty<MessageItem> messagesProperty() {
    return messages.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** Says that older messages were left out of the last prompt to fit the context window; empty if not. */
  public ReadOnlyStringProperty trimNoticeProperty() {
    return trimNotice.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRegenerateProperty() {
    return canRegenerate.getReadOnlyProperty();
  }

  public StringProperty inputProperty() {
    return input;
  }

  /**
   * The message to bring into view once it is shown (a search result), or 0; the view scrolls to it, marks it
   * for a moment and calls {@link #messageFocused()}.
   */
  public ReadOnlyLongProperty focusedMessageProperty() {
    return focusedMessage.getReadOnlyProperty();
  }

  /** Asks the view to bring message {@code messageId} into view when its conversation is shown. */
  public void focusMessage(long messageId) {
    focusedMessage.set(messageId);
  }

  public void messageFocused() {
    focusedMessage.set(0);
  }

  /** The conversation shown, or null for a new one not stored yet. */
  public Long conversationId() {
    return current.conversationId;
  }

  /** The conversation shown (null for a new one); changes when another is opened or a new one is stored. */
  public ReadOnlyObjectProperty<Long> conversationIdProperty() {
    return conversationId.getReadOnlyProperty();
  }

  /**
   * Work to do in the background when a new conversation has just been stored and before its first message is
   * sent, e.g. keeping a per-conversation choice the person made while it was still unsaved.
   */
  public void setBeforeFirstMessage(LongConsumer work) {
    beforeFirstMessage = work;
  }

  /** Shows conversation {@code conversationId}, or a new empty one when null. */
  public void open(Long conversationId) {
    if (conversationId != null && conversationId.equals(current.conversationId)) {
      return;
    }
    if (conversationId == null && current.conversationId == null) {
      return;
    }
    ChatSession streaming = conversationId == null ? null : answers.streamingInto(conversationId);
    if (streaming != null) {
      show(streaming);
      return;
    }
    ChatSession session = new ChatSession(conversationId);
    show(session);
    if (conversationId == null) {
      return;
    }
    background.run(() -> new Loaded(chats.conversation(conversationId).orElse(null),
        chats.messages(conversationId), chats.sources(conversationId)), loaded -> {
          if (loaded.conversation() == null) {
            session.conversationId = null;
            setState(session, State.EMPTY);
            return;
          }
          session.title = loaded.conversation().title();
          session.items.setAll(loaded.messages().stream().map(message -> {
            MessageItem item = MessageItem.of(message);
            item.sources().setAll(loaded.sources().getOrDefault(message.id(), List.of()));
            return item;
          }).toList());
          setState(session, session.items.isEmpty() ? State.EMPTY : State.IDLE);
          if (session == current) {
            title.set(session.title);
          }
        }, e -> {
          notices.error(i18n.get("chat.loadFailed"));
          setState(session, State.IDLE);
        });
  }

  private record Loaded(Conversation conversation, List<Message> messages, Map<Long, List<AnswerSource>> sources) {}

  private void show(ChatSession session) {
    current = session;
    messages.set(session.items);
    conversationId.set(session.conversationId);
    title.set(session.title);
    trimNotice.set(session.trimNotice);
    state.set(session.state);
    updateCanRegenerate();
  }

  private void setState(ChatSession session, State newState) {
    session.state = newState;
    if (session == current) {
      state.set(newState);
      updateCanRegenerate();
    }
  }

  private void updateCanRegenerate() {
    List<MessageItem> items = current.items;
    canRegenerate.set(current.state == State.IDLE && current.conversationId != null && !items.isEmpty()
        && items.getLast().role() == Role.ASSISTANT);
  }

  /** Reads every text sent before the chat model does (see {@link InputRouter}); null for none. */
  public void setInputRouter(InputRouter router) {
    inputRouter = router;
  }

  /**
   * Sends what is in the input box: to the input router first, if there is one, then (unless it answered with a
   * card) to the chat model. Returns false (and keeps the text) when that cannot happen now.
   */
  public boolean send() {
    String text = input.get() == null ? "" : input.get().strip();
    ChatSession session = current;
    if (text.isEmpty() || session.generating() || session.routing || session.state == State.LOADING) {
      return false;
    }
    input.set("");
    if (inputRouter == null) {
      sendToModel(session, text);
      return true;
    }
    MessageItem said = new MessageItem(Role.USER, text, MessageStatus.COMPLETE);
    session.items.add(said);
    session.routing = true;
    inputRouter.route(text, card -> {
      session.routing = false;
      if (card == null) {
        session.items.remove(said);
        sendToModel(session, text);
      } else {
        session.items.add(MessageItem.card(card));
      }
    });
    return true;
  }

  private void sendToModel(ChatSession session, String text) {
    MessageItem question = new MessageItem(Role.USER, text, MessageStatus.COMPLETE);
    MessageItem answer = new MessageItem(Role.ASSISTANT, "", MessageStatus.STREAMING);
    session.items.addAll(question, answer);
    session.stopRequested = false;
    session.trimNotice = "";
    if (session == current) {
      trimNotice.set("");
    }
    setState(session, State.GENERATING);
    if (session.conversationId == null) {
      String newTitle = ChatSession.titleFrom(text);
      background.run(() -> {
        Conversation created = chats.create(newTitle);
        beforeFirstMessage.accept(created.id());
        return created;
      }, conversation -> {
        session.conversationId = conversation.id();
        session.title = conversation.title();
        if (session == current) {
          title.set(session.title);
          conversationId.set(session.conversationId);
        }
        conversationChanged.accept(conversation.id());
        answers.start(session, answer, () -> chats.send(conversation.id(), text, answers.listenerFor(session, answer)),
            () -> giveBack(session, question, answer, text));
      }, e -> {
        giveBack(session, question, answer, text);
        answers.failed(session, answer, i18n.get("chat.createFailed"));
      });
    } else {
      long id = session.conversationId;
      answers.start(session, answer, () -> chats.send(id, text, answers.listenerFor(session, answer)),
          () -> giveBack(session, question, answer, text));
    }
  }

  /** Nothing was stored: the question goes back into the input box so that no typing is lost. */
  private void giveBack(ChatSession session, MessageItem question, MessageItem answer, String text) {
    session.items.removeAll(question, answer);
    if (session == current && (input.get() == null || input.get().isBlank())) {
      input.set(text);
    }
  }

  /** Answers the last question again, replacing the last answer. */
  public void regenerate() {
    ChatSession session = current;
    if (!canRegenerate.get()) {
      return;
    }
    session.items.removeLast();
    MessageItem answer = new MessageItem(Role.ASSISTANT, "", MessageStatus.STREAMING);
    session.items.add(answer);
    session.stopRequested = false;
    setState(session, State.GENERATING);
    long id = session.conversationId;
    answers.start(session, answer, () -> chats.regenerate(id, answers.listenerFor(session, answer)), () -> {});
  }

  /** Stops the answer under way at once; what was generated stays, marked as stopped. */
  public void stop() {
    ChatSession session = current;
    if (!session.generating()) {
      return;
    }
    answers.stop(session);
  }

  /** The settings of the open conversation, or null when it is not stored yet. */
  public ConversationSettingsViewModel settings() {
    Long id = current.conversationId;
    return id == null ? null : new ConversationSettingsViewModel(chats, background, i18n, id, this::renamedTo);
  }

  private void renamedTo(Conversation conversation) {
    if (Long.valueOf(conversation.id()).equals(current.conversationId)) {
      current.title = conversation.title();
      title.set(conversation.title());
    }
    conversationChanged.accept(conversation.id());
  }

  /**
   * Stops every answer under way (on shutdown); what was generated is kept as stopped. The result completes
   * when they are all stored.
   */
  public CompletableFuture<Void> stopAll() {
    return answers.stopAll();
  }
}
