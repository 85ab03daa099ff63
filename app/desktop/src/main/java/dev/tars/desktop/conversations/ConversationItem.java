package dev.tars.desktop.conversations;

import dev.tars.chat.Conversation;
import java.time.Instant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the sidebar. */
public final class ConversationItem {
  private final long id;
  private final StringProperty title = new SimpleStringProperty();
  private final ObjectProperty<Instant> updatedAt = new SimpleObjectProperty<>();

  ConversationItem(Conversation conversation) {
    this.id = conversation.id();
    update(conversation);
  }

  void update(Conversation conversation) {
    title.set(conversation.title());
    updatedAt.set(conversation.updatedAt());
  }

  public long id() {
    return id;
  }

  public StringProperty titleProperty() {
    return title;
  }

  public String title() {
    return title.get();
  }

  public ObjectProperty<Instant> updatedAtProperty() {
    return updatedAt;
  }

  @Override
  public String toString() {
    return title.get();
  }
}
