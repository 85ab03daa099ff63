package dev.tars.desktop.conversations;

import dev.tars.chat.ChatService;
import dev.tars.chat.Conversation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The sidebar: conversations newest first, filtered by title; new, rename, delete with undo. */
public final class ConversationListViewModel {
  public enum State {
    LOADING,
    /** There are no conversations at all yet. */
    EMPTY,
    LIST,
    /** The filter matches nothing. */
    NO_MATCHES
  }

  private static final int MAX_TITLE_LENGTH = 200;

  private final ChatService chats;
  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final ObservableList<ConversationItem> items = FXCollections.observableArrayList();
  private final StringProperty filter = new SimpleStringProperty("");
  private final ObjectProperty<ConversationItem> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private long loadSequence;
  private Long pendingSelection;

  public ConversationListViewModel(ChatService chats, Background background, I18n i18n, Notices notices) {
    this.chats = chats;
    this.background = background;
    this.i18n = i18n;
    this.notices = notices;
    filter.addListener((obs, old, now) -> refresh());
  }

  public ObservableList<ConversationItem> items() {
    return items;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public ObjectProperty<ConversationItem> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  /** Reloads the list from storage, keeping the selection. */
  public void refresh() {
    long sequence = ++loadSequence;
    String titleFilter = filter.get() == null ? "" : filter.get().strip();
    background.run(() -> chats.conversations(titleFilter), loaded -> {
      if (sequence == loadSequence) {
        show(loaded, titleFilter);
      }
    }, e -> notices.error(i18n.get("conversations.loadFailed")));
  }

  /** Reloads and selects conversation {@code id} once it is in the list. */
  public void refreshAndSelect(long id) {
    pendingSelection = id;
    refresh();
  }

  private void show(List<Conversation> loaded, String titleFilter) {
    Map<Long, ConversationItem> byId = new HashMap<>();
    for (ConversationItem item : items) {
      byId.put(item.id(), item);
    }
    Long keep = pendingSelection != null ? pendingSelection : selected.get() == null ? null : selected.get().id();
    pendingSelection = null;
    List<ConversationItem> fresh = loaded.stream().map(c -> {
      ConversationItem item = byId.get(c.id());
      if (item == null) {
        return new ConversationItem(c);
      }
      item.update(c);
      return item;
    }).toList();
    items.setAll(fresh);
    ConversationItem toSelect = keep == null ? null
        : fresh.stream().filter(i -> i.id() == keep).findFirst().orElse(null);
    if (toSelect != null || keep == null || titleFilter.isEmpty()) {
      selected.set(toSelect);
    }
    if (!fresh.isEmpty()) {
      state.set(State.LIST);
    } else {
      state.set(titleFilter.isEmpty() ? State.EMPTY : State.NO_MATCHES);
    }
  }

  /** Starts a new, empty conversation: it is stored when its first message is sent. */
  public void newConversation() {
    selected.set(null);
  }

  /** Renames {@code item}; a blank title is refused and the old one kept. */
  public void rename(ConversationItem item, String newTitle) {
    String title = newTitle == null ? "" : newTitle.strip();
    if (title.isEmpty()) {
      notices.info(i18n.get("conversations.renameBlank"));
      return;
    }
    if (title.length() > MAX_TITLE_LENGTH) {
      title = title.substring(0, MAX_TITLE_LENGTH);
    }
    String old = item.title();
    if (title.equals(old)) {
      return;
    }
    item.titleProperty().set(title);
    String chosen = title;
    background.run(() -> chats.rename(item.id(), chosen), item::update, e -> {
      item.titleProperty().set(old);
      notices.error(i18n.get("conversations.renameFailed"));
    });
  }

  /** Moves {@code item} to the trash at once and offers Undo. */
  public void delete(ConversationItem item) {
    items.remove(item);
    if (selected.get() == item) {
      selected.set(null);
    }
    if (items.isEmpty()) {
      state.set(filter.get() == null || filter.get().isBlank() ? State.EMPTY : State.NO_MATCHES);
    }
    background.run(() -> chats.delete(item.id()), e -> {
      notices.error(i18n.get("conversations.deleteFailed"));
      refresh();
    });
    notices.post(new Notices.Notice(Notices.Kind.INFO, i18n.get("conversations.deleted", item.title()),
        i18n.get("action.undo"), () -> undoDelete(item)));
  }

  private void undoDelete(ConversationItem item) {
    background.run(() -> {
      chats.restore(item.id());
      return item.id();
    }, this::refreshAndSelect, e -> notices.error(i18n.get("conversations.restoreFailed")));
  }
}
