package dev.tars.desktop.chat;

import dev.tars.chat.ChatService;
import dev.tars.chat.Conversation;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.SamplingFields;
import dev.tars.engine.Sampling;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The per-conversation settings dialog: title, system prompt and sampling. */
public final class ConversationSettingsViewModel {
  public enum State {
    LOADING,
    EDITING,
    SAVING,
    SAVED,
    /** The values cannot be saved; {@link #errorProperty()} says why. */
    INVALID
  }

  private final ChatService chats;
  private final Background background;
  private final I18n i18n;
  private final long conversationId;
  private final Consumer<Conversation> saved;
  private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.LOADING);
  private final StringProperty title = new SimpleStringProperty("");
  private final SamplingFields sampling = new SamplingFields();
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty loaded = new SimpleBooleanProperty();
  private String loadedTitle = "";

  ConversationSettingsViewModel(ChatService chats, Background background, I18n i18n, long conversationId,
      Consumer<Conversation> saved) {
    this.chats = chats;
    this.background = background;
    this.i18n = i18n;
    this.conversationId = conversationId;
    this.saved = saved;
    background.run(() -> chats.conversation(conversationId).orElseThrow(), this::fill,
        e -> fail(i18n.get("conversationSettings.loadFailed")));
  }

  private void fill(Conversation c) {
    loadedTitle = c.title();
    title.set(c.title());
    sampling.fill(c.systemPrompt(), c.sampling());
    loaded.set(true);
    state.set(State.EDITING);
  }

  private void fail(String message) {
    error.set(message);
    state.set(State.INVALID);
  }

  public ObjectProperty<State> stateProperty() {
    return state;
  }

  public StringProperty titleProperty() {
    return title;
  }

  /** The system prompt and sampling of the conversation. */
  public SamplingFields sampling() {
    return sampling;
  }

  public StringProperty errorProperty() {
    return error;
  }

  public BooleanProperty loadedProperty() {
    return loaded;
  }

  /**
   * Checks and saves the values; returns false, with {@link #errorProperty()} set, when they are not valid.
   * Saving itself happens in the background.
   */
  public boolean save() {
    if (!loaded.get()) {
      return false;
    }
    String newTitle = title.get() == null ? "" : title.get().strip();
    if (newTitle.isEmpty()) {
      fail(i18n.get("conversationSettings.titleBlank"));
      return false;
    }
    Optional<Sampling> chosen = sampling.sampling();
    if (chosen.isEmpty()) {
      fail(i18n.get("settings.samplingInvalid"));
      return false;
    }
    String prompt = sampling.systemPrompt();
    error.set("");
    state.set(State.SAVING);
    boolean renamed = !newTitle.equals(loadedTitle);
    background.run(() -> {
      if (renamed) {
        chats.rename(conversationId, newTitle);
      }
      return chats.updateSettings(conversationId, prompt, chosen.get());
    }, c -> {
      state.set(State.SAVED);
      saved.accept(c);
    }, e -> fail(i18n.get("conversationSettings.saveFailed")));
    return true;
  }
}
