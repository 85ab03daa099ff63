package dev.tars.desktop.shell;

import dev.tars.desktop.fx.ThemeSheet;
import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import dev.tars.desktop.fx.Notices;
import dev.tars.config.Theme;
import dev.tars.desktop.chat.ChatView;
import dev.tars.desktop.conversations.ConversationListView;
import dev.tars.engine.EngineStatus;
import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.desktop.settings.SettingsView;
import dev.tars.desktop.welcome.WelcomeView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The window's content: sidebar, the page of the moment, engine status and notifications. */
public final class MainView {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainView.class);
  private static final Duration NOTICE_TIME = Duration.seconds(7);

  private final MainViewModel viewModel;
  private final I18n i18n;
  private final StackPane root;
  private final Map<Notices.Notice, Notification> noticeNodes = new HashMap<>();
  private ConversationListView sidebarView;
  private ChatView chatView;
  private SettingsView settingsView; // built on its first visit, like the feature pages below
  private final List<SettingsSection> settingsSections = new ArrayList<>();
  private WelcomeView welcomeView;

  @FXML private VBox sidebar;
  @FXML private StackPane sidebarSlot;
  @FXML private StackPane pages;
  @FXML private Region engineDot;
  @FXML private BusyDots engineProgress;
  @FXML private Label engineLabel;
  @FXML private Button settingsButton;
  @FXML private VBox nav;
  // Feature pages are built on their first visit, not at start: building them all (FXML, CSS, layout) kept the
  // first window waiting. Until then only their sidebar button exists.
  private final Map<String, Supplier<? extends Parent>> pageBuilders = new HashMap<>();
  private final Map<String, Parent> extraPages = new HashMap<>();
  private Consumer<List<Path>> fileDrop;
  @FXML private VBox noticeBox;

  public MainView(MainViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.root = Fxml.load(this, i18n);
  }

  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    sidebarView = new ConversationListView(viewModel.conversations(), i18n, this::openConversationSettings, () -> {
      viewModel.newConversation();
      chatView.focusInput();
    });
    sidebarSlot.getChildren().add(sidebarView.root());
    chatView = new ChatView(viewModel.chat(), i18n);
    welcomeView = new WelcomeView(viewModel.welcome(), i18n, viewModel::showSettings);
    pages.getChildren().addAll(welcomeView.root(), chatView.root());
    viewModel.stateProperty().addListener((obs, old, now) -> showPage(now));
    showPage(viewModel.state());

    settingsButton.setGraphic(Icons.icon(Icons.TUNE, 16));
    settingsButton.setText(i18n.get("settings.title"));
    settingsButton.setMinWidth(Region.USE_PREF_SIZE);
    viewModel.pageProperty().addListener((obs, old, now) -> showPage(viewModel.state()));
    engineLabel.textProperty().bind(viewModel.engineTextProperty());
    engineProgress.visibleProperty().bind(viewModel.engineBusyProperty());
    engineProgress.managedProperty().bind(engineProgress.visibleProperty());
    engineDot.visibleProperty().bind(viewModel.engineBusyProperty().not());
    engineDot.managedProperty().bind(engineDot.visibleProperty());
    viewModel.engineStatusProperty().addListener((obs, old, now) -> showEngine(now));
    showEngine(viewModel.engineStatusProperty().get());

    viewModel.notices().shown().addListener((ListChangeListener<Notices.Notice>) change -> showNotices());
  }

  private void showPage(MainViewModel.State state) {
    if (state == MainViewModel.State.PAGE) {
      buildOnFirstVisit(viewModel.pageProperty().get());
    } else if (state == MainViewModel.State.SETTINGS) {
      buildSettingsOnFirstVisit();
    }
    extraPages.forEach((id, page) -> page.setVisible(state == MainViewModel.State.PAGE
        && id.equals(viewModel.pageProperty().get())));
    welcomeView.root().setVisible(state == MainViewModel.State.WELCOME);
    chatView.root().setVisible(state == MainViewModel.State.CHAT);
    if (settingsView != null) {
      settingsView.root().setVisible(state == MainViewModel.State.SETTINGS);
    }
    if (state == MainViewModel.State.CHAT) {
      chatView.focusInput();
    }
  }

  private void buildOnFirstVisit(String id) {
    Supplier<? extends Parent> builder = pageBuilders.remove(id);
    if (builder != null) {
      Parent page;
      try {
        page = builder.get();
      } catch (RuntimeException e) {
        // One broken page must not take the window with it: say so where the page would be.
        LOG.error("The page {} could not be built", id, e);
        Label problem = new Label(i18n.get("page.failed", e.getMessage() == null ? e.toString() : e.getMessage()));
        problem.setWrapText(true);
        page = new javafx.scene.layout.StackPane(problem);
      }
      extraPages.put(id, page);
      pages.getChildren().add(page);
    }
  }

  private void buildSettingsOnFirstVisit() {
    if (settingsView == null) {
      settingsView = new SettingsView(viewModel.settings(), i18n, viewModel::closeSettings);
      settingsSections.forEach(s -> settingsView.addSection(s.title(), s.content().get()));
      settingsSections.clear();
      pages.getChildren().add(settingsView.root());
    }
  }

  private void showEngine(EngineStatus status) {
    // While the model loads the composer says so, where a person looks first.
    chatView.setInputPrompt(i18n.get(status.state() == EngineStatus.State.LOADING ? "app.starting"
        : "chat.input.prompt"));
    engineDot.getStyleClass().removeIf(c -> c.startsWith("state-"));
    engineDot.getStyleClass().add("state-" + status.state().name().toLowerCase(java.util.Locale.ROOT));
    engineLabel.setTooltip(new javafx.scene.control.Tooltip(
        status.detail().isEmpty() ? engineLabel.getText() : EngineStatusText.detail(status, i18n)));
  }

  private void dragOver(DragEvent event) {
    if (viewModel.state() == MainViewModel.State.WELCOME) {
      welcomeView.dragOver(event);
    } else if (fileDrop != null && event.getDragboard().hasFiles()) {
      event.acceptTransferModes(TransferMode.COPY);
      event.consume();
    }
  }

  private void dropped(DragEvent event) {
    if (viewModel.state() == MainViewModel.State.WELCOME) {
      welcomeView.dropped(event);
    } else if (fileDrop != null && event.getDragboard().hasFiles()) {
      fileDrop.accept(event.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
      event.setDropCompleted(true);
      event.consume();
    }
  }

  /** Files and folders dropped anywhere on the window (outside the welcome page) go to {@code handler}. */
  public void setFileDrop(Consumer<List<Path>> handler) {
    this.fileDrop = handler;
  }

  /** Puts {@code node} at the top of the sidebar, above the conversations (e.g. the project switcher). */
  public void addSidebarHeader(Node node) {
    sidebar.getChildren().add(0, node);
  }

  private void openConversationSettings() {
    chatView.openSettingsOfCurrent();
  }

  @FXML
  private void openSettings() {
    viewModel.showSettings();
  }

  /**
   * Adds a feature page (models, knowledge, memory, backups, ...) and a button for it in the sidebar.
   *
   * @param iconPath an SVG path from {@link Icons}, or null
   * @param page builds the page; called once, on the JavaFX thread, the first time the page is shown
   */
  public void addPage(String id, String label, String iconPath, Supplier<? extends Parent> page) {
    pageBuilders.put(id, page);
    Button button = new Button(label, iconPath == null ? null : Icons.icon(iconPath, 15));
    button.getStyleClass().addAll(Styles.FLAT, "nav-button");
    button.setMaxWidth(Double.MAX_VALUE);
    button.setOnAction(e -> viewModel.showPage(id));
    nav.getChildren().add(button);
    showPage(viewModel.state());
  }

  public ConversationListView conversationList() {
    return sidebarView;
  }

  public ChatView chatView() {
    return chatView;
  }

  /**
   * Adds a section (e.g. Voice) at the end of the Settings page.
   *
   * @param content builds the section; called once, on the JavaFX thread, when the Settings page is built
   */
  public void addSettingsSection(String title, Supplier<? extends Node> content) {
    if (settingsView == null) {
      settingsSections.add(new SettingsSection(title, content));
    } else {
      settingsView.addSection(title, content.get());
    }
  }

  private record SettingsSection(String title, Supplier<? extends Node> content) {}

  private void showNotices() {
    noticeNodes.keySet().retainAll(viewModel.notices().shown());
    noticeBox.getChildren().setAll(viewModel.notices().shown().stream()
        .map(n -> noticeNodes.computeIfAbsent(n, this::noticeNode)).toList());
  }

  private Notification noticeNode(Notices.Notice notice) {
    Notification node = new Notification(notice.text());
    node.getStyleClass().addAll(Styles.ELEVATED_2, switch (notice.kind()) {
      case INFO -> Styles.ACCENT;
      case SUCCESS -> Styles.SUCCESS;
      case WARNING -> Styles.WARNING;
      case ERROR -> Styles.DANGER;
    });
    node.getStyleClass().add("notice");
    List<Button> buttons = new ArrayList<>();
    if (notice.actionLabel() != null) {
      buttons.add(noticeButton(notice, notice.actionLabel(), notice.action()));
    }
    notice.choices().forEach(choice -> buttons.add(noticeButton(notice, choice.label(), choice.action())));
    if (!buttons.isEmpty()) {
      node.setPrimaryActions(buttons.toArray(Button[]::new));
    }
    node.setOnClose(e -> viewModel.notices().dismiss(notice));
    if (notice.sticky()) {
      node.getStyleClass().add("notice-sticky");
      return node;
    }
    PauseTransition timeout = new PauseTransition(notice.kind() == Notices.Kind.ERROR
        ? NOTICE_TIME.multiply(2) : NOTICE_TIME);
    timeout.setOnFinished(e -> viewModel.notices().dismiss(notice));
    node.setOnMouseEntered(e -> timeout.pause());
    node.setOnMouseExited(e -> timeout.play());
    timeout.play();
    return node;
  }

  private Button noticeButton(Notices.Notice notice, String label, Runnable action) {
    Button button = new Button(label);
    button.getStyleClass().add(Styles.FLAT);
    button.setOnAction(e -> {
      viewModel.notices().dismiss(notice);
      action.run();
    });
    return button;
  }

  /** Puts the window's content in {@code scene}, with the theme and the keyboard shortcuts. */
  public void install(Scene scene) {
    scene.getStylesheets().add(Objects.requireNonNull(MainView.class.getResource("/dev/tars/desktop/tars.css"),
        "tars.css").toExternalForm());
    viewModel.themeProperty().addListener((obs, old, now) -> applyTheme());
    Platform.getPreferences().colorSchemeProperty().addListener((obs, old, now) -> applyTheme());
    applyTheme();
    root.setOnDragOver(this::dragOver);
    root.setOnDragExited(e -> welcomeView.dragExited());
    root.setOnDragDropped(this::dropped);
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
        () -> {
          viewModel.newConversation();
          chatView.focusInput();
        });
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
        viewModel::showSettings);
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
        sidebarView::focusFilter);
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F2), sidebarView::renameSelected);
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE && viewModel.chat().state()
          == dev.tars.desktop.chat.ChatViewModel.State.GENERATING) {
        viewModel.chat().stop();
        e.consume();
      }
    });
  }

  private void applyTheme() {
    Theme setting = viewModel.themeProperty().get();
    boolean dark = setting == Theme.DARK
        || (setting == Theme.SYSTEM && Platform.getPreferences().getColorScheme() == ColorScheme.DARK);
    ThemeSheet.apply(dark);
    root.getStyleClass().removeAll("theme-dark", "theme-light");
    root.getStyleClass().add(dark ? "theme-dark" : "theme-light");
  }
}
