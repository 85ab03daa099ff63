package dev.tars.desktop.shell;

import dev.tars.desktop.feature.Navigation;
import dev.tars.desktop.fx.Notices;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.SettingsStore;
import dev.tars.config.Theme;
import dev.tars.desktop.chat.ChatViewModel;
import dev.tars.desktop.conversations.ConversationItem;
import dev.tars.desktop.conversations.ConversationListViewModel;
import dev.tars.runtime.EngineHost;
import dev.tars.engine.EngineStatus;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.settings.SettingsViewModel;
import dev.tars.desktop.welcome.WelcomeViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The window: which page shows, the engine's status, the theme, and the feature view models it holds. */
public final class MainViewModel {
  /** The page in the main area. */
  public enum State {
    STARTING,
    /** No model yet: the welcome page asks for one. */
    WELCOME,
    CHAT,
    SETTINGS,
    /** A feature page added to the window (models, knowledge, ...); {@link #pageProperty()} says which. */
    PAGE
  }

  private final SettingsStore settingsStore;
  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final Navigation navigation = new Navigation();
  private final ConversationListViewModel conversations;
  private final ChatViewModel chat;
  private final SettingsViewModel settings;
  private final WelcomeViewModel welcome;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STARTING);
  private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(Theme.SYSTEM);
  private final ReadOnlyObjectWrapper<EngineStatus> engineStatus = new ReadOnlyObjectWrapper<>(EngineStatus.NONE);
  private final ReadOnlyStringWrapper page = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper engineText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper engineBusy = new ReadOnlyBooleanWrapper();
  private String language;

  public MainViewModel(dev.tars.chat.ChatService chats, SettingsStore settingsStore, EngineHost engine,
      Background background, I18n i18n) {
    this.settingsStore = settingsStore;
    this.background = background;
    this.i18n = i18n;
    this.notices = new Notices();
    this.conversations = new ConversationListViewModel(chats, background, i18n, notices);
    this.chat = new ChatViewModel(chats, background, i18n, notices, conversations::refreshAndSelect);
    this.settings = new SettingsViewModel(settingsStore, background, i18n);
    this.welcome = new WelcomeViewModel(settingsStore, background, i18n);
    conversations.selectedProperty().addListener((obs, old, now) -> {
      chat.open(now == null ? null : now.id());
      if (now != null && (state.get() == State.SETTINGS || state.get() == State.PAGE)) {
        state.set(State.CHAT);
      }
    });
    // Without projects a link to a conversation opens it in the list shown; the projects feature replaces this.
    navigation.register(Navigation.Kind.CONVERSATION, target -> showConversation(target.id(), target.messageId()));
    settingsStore.addListener(s -> background.ui().run(() -> settingsChanged(s)));
    engine.addStatusListener(s -> background.ui().run(() -> showEngine(s)));
    showEngine(engine.status());
  }

  /** Loads settings and conversations and picks the first page. */
  public void start() {
    background.run(settingsStore::get, s -> {
      language = s.language();
      theme.set(s.theme());
      state.set(configured(s) ? State.CHAT : State.WELCOME);
      conversations.refresh();
      settings.load();
    }, e -> {
      notices.error(i18n.get("app.settingsUnreadable"));
      state.set(State.WELCOME);
    });
  }

  static boolean configured(AppSettings s) {
    return s.engine() == EngineChoice.REMOTE ? !s.remoteUrl().isBlank() : !s.modelPath().isBlank();
  }

  private void settingsChanged(AppSettings s) {
    theme.set(s.theme());
    if (language != null && !language.equals(s.language())) {
      notices.info(i18n.get("settings.languageAfterRestart"));
    }
    language = s.language();
    if (state.get() == State.WELCOME && configured(s)) {
      state.set(State.CHAT);
    }
  }

  private void showEngine(EngineStatus status) {
    EngineStatus before = engineStatus.get();
    engineStatus.set(status);
    engineBusy.set(status.state() == EngineStatus.State.LOADING || status.state() == EngineStatus.State.RESTARTING);
    engineText.set(switch (status.state()) {
      case NONE -> i18n.get("engine.none");
      case LOADING -> i18n.get("engine.loading", status.detail());
      case READY -> status.remote() ? i18n.get("engine.remote", status.detail()) : status.detail();
      case RESTARTING -> i18n.get("engine.restarting");
      case FAILED -> i18n.get("engine.failed");
    });
    if (status.state() == EngineStatus.State.RESTARTING && before.state() != EngineStatus.State.RESTARTING) {
      notices.post(new Notices.Notice(Notices.Kind.WARNING, i18n.get("engine.crashedNotice")));
    } else if (status.state() == EngineStatus.State.FAILED) {
      notices.error(i18n.get("engine.failedNotice", EngineStatusText.detail(status, i18n)));
    } else if (status.state() == EngineStatus.State.READY && before.state() == EngineStatus.State.RESTARTING) {
      notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("engine.backNotice")));
    }
  }

  public void showSettings() {
    if (state.get() != State.SETTINGS) {
      settings.load();
      state.set(State.SETTINGS);
    }
  }

  /** Shows the feature page {@code id}. */
  public void showPage(String id) {
    page.set(id);
    state.set(State.PAGE);
  }

  public ReadOnlyStringProperty pageProperty() {
    return page.getReadOnlyProperty();
  }

  /** Leaves the settings page for the chat, or for the welcome page when there still is no model. */
  public void closeSettings() {
    background.run(settingsStore::get, s -> state.set(configured(s) ? State.CHAT : State.WELCOME),
        e -> state.set(State.CHAT));
  }

  public void newConversation() {
    conversations.newConversation();
    if (state.get() == State.SETTINGS || state.get() == State.PAGE) {
      closeSettings();
    }
  }

  public void deleteSelected() {
    ConversationItem item = conversations.selectedProperty().get();
    if (item != null) {
      conversations.delete(item);
    }
  }

  /** Stops answers under way; the result completes when they are stored as stopped. */
  public java.util.concurrent.CompletableFuture<Void> shutdown() {
    return chat.stopAll();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  /** The theme setting; the view resolves SYSTEM with what the desktop says. */
  public ReadOnlyObjectProperty<Theme> themeProperty() {
    return theme.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<EngineStatus> engineStatusProperty() {
    return engineStatus.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty engineTextProperty() {
    return engineText.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty engineBusyProperty() {
    return engineBusy.getReadOnlyProperty();
  }

  public Notices notices() {
    return notices;
  }

  /** Links from one feature to another's items (an answer's event opens on the Agenda page). */
  public Navigation navigation() {
    return navigation;
  }

  public ConversationListViewModel conversations() {
    return conversations;
  }

  /** Selects a conversation of the current project and (messageId > 0) scrolls to that message. */
  public void showConversation(long conversationId, long messageId) {
    if (messageId > 0) {
      chat().focusMessage(messageId);
    }
    conversations().refreshAndSelect(conversationId);
  }

  /** Reads the conversation list again (the project changed, a conversation moved in or out). */
  public void refreshConversations() {
    conversations.refresh();
  }

  public ChatViewModel chat() {
    return chat;
  }

  public SettingsViewModel settings() {
    return settings;
  }

  public WelcomeViewModel welcome() {
    return welcome;
  }
}
