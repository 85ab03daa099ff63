package dev.tars.desktop.chat;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.desktop.feature.ChatAnswer;
import dev.tars.desktop.feature.ChatCard;
import dev.tars.engine.Role;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One message as the chat shows it; the content of an answer grows while it streams. UI thread only. */
public final class MessageItem implements ChatAnswer {
  private final Role role;
  private long id;
  private final StringProperty content = new SimpleStringProperty("");
  private final ObjectProperty<MessageStatus> status = new SimpleObjectProperty<>(MessageStatus.COMPLETE);
  private final StringProperty error = new SimpleStringProperty("");
  private final ObservableList<AnswerSource> sources = FXCollections.observableArrayList();
  private ChatCard card;

  MessageItem(Role role, String content, MessageStatus status) {
    this.role = role;
    this.content.set(content);
    this.status.set(status);
  }

  static MessageItem of(Message message) {
    MessageItem item = new MessageItem(message.role(), message.content(), message.status());
    item.id = message.id();
    return item;
  }

  /** A card a feature put into the conversation in the place of an answer; not stored with the messages. */
  static MessageItem card(ChatCard card) {
    MessageItem item = new MessageItem(Role.ASSISTANT, "", MessageStatus.COMPLETE);
    item.card = card;
    return item;
  }

  /** The feature's card this item shows, or null for an ordinary message. */
  public ChatCard card() {
    return card;
  }

  public Role role() {
    return role;
  }

  public long id() {
    return id;
  }

  void id(long value) {
    id = value;
  }

  @Override
  public StringProperty contentProperty() {
    return content;
  }

  @Override
  public String content() {
    return content.get();
  }

  @Override
  public ObjectProperty<MessageStatus> statusProperty() {
    return status;
  }

  public MessageStatus status() {
    return status.get();
  }

  /** A message for a person when nothing could be generated; empty otherwise. */
  public StringProperty errorProperty() {
    return error;
  }

  /** What the answer was given to read (cited passages, memories, project); empty for most messages. */
  public ObservableList<AnswerSource> sources() {
    return sources;
  }

  @Override
  public String toString() {
    return role + "[" + status.get() + "]: " + content.get();
  }
}
