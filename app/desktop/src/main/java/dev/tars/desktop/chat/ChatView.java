package dev.tars.desktop.chat;

import dev.tars.chat.AnswerSource;

import dev.tars.desktop.feature.ChatAnswer;
import dev.tars.desktop.feature.ChatCard;
import dev.tars.desktop.feature.ChatHooks;
import dev.tars.desktop.feature.InputRouter;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.engine.Role;
import dev.tars.desktop.fx.MarkdownView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

import javafx.scene.control.ScrollPane;

import javafx.scene.control.TextArea;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;


import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The chat area: messages, Markdown answers streaming in, the input box with Send and Stop. */
public final class ChatView {
  private final ChatViewModel viewModel;
  private final I18n i18n;
  private final MarkdownView markdown;
  private final Map<MessageItem, Node> cards = new HashMap<>();
  private final Parent root;
  private boolean stickToBottom = true;
  private Function<MessageItem, Node> answerActions = item -> null;
  private Consumer<AnswerSource> citationOpener;
  private Function<ChatCard, Node> cardView = card -> null;
  private MessageCard.Parts cardParts;
  // Cards other features show at the end of the conversation, and how they show some kinds of sources.
  private final List<Node> extraCards = new java.util.ArrayList<>();
  private final Map<String, Function<List<AnswerSource>, Node>> sourceViews = new HashMap<>();

  @FXML private Label titleLabel;
  @FXML private Button settingsButton;
  @FXML private ScrollPane scroller;
  @FXML private VBox messageBox;
  @FXML private VBox emptyState;
  @FXML private StackPane emptyIcon;
  @FXML private FlowPane suggestions;
  @FXML private Label trimNotice;
  @FXML private TextArea input;
  @FXML private HBox composer;
  @FXML private Button sendButton;
  @FXML private Button stopButton;

  // Held here: a binding only the state property knows of (weakly) would be collected, and its listeners with it.
  private javafx.beans.binding.BooleanBinding answering;

  public ChatView(ChatViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.markdown = new MarkdownView(i18n);
    this.root = Fxml.load(this, i18n);
    root.getStylesheets().add(Objects.requireNonNull(ChatView.class.getResource("citations.css"),
        "citations.css").toExternalForm());
  }

  /** Kinds of sources shown as clickable citations; the others (memories, project) in a "used" line. */
  static final String CITED_KIND = "knowledge";

  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    titleLabel.textProperty().bind(Bindings.createStringBinding(() -> {
      if (!viewModel.titleProperty().get().isEmpty()) {
        return viewModel.titleProperty().get();
      }
      return viewModel.state() == ChatViewModel.State.LOADING ? "" : i18n.get("chat.newTitle");
    }, viewModel.titleProperty(), viewModel.stateProperty()));
    settingsButton.setGraphic(Icons.icon(Icons.TUNE, 14));
    settingsButton.disableProperty().bind(viewModel.titleProperty().isEmpty());

    emptyIcon.getChildren().add(Icons.icon(Icons.CHAT, 40));
    for (String key : List.of("chat.suggestion.1", "chat.suggestion.2", "chat.suggestion.3")) {
      Button suggestion = new Button(i18n.get(key));
      suggestion.getStyleClass().addAll("button-outlined", "suggestion");
      suggestion.setOnAction(e -> {
        input.setText(suggestion.getText());
        input.requestFocus();
        input.end();
      });
      suggestions.getChildren().add(suggestion);
    }
    emptyState.visibleProperty().bind(viewModel.stateProperty().isEqualTo(ChatViewModel.State.EMPTY)
        .and(viewModel.messagesProperty().emptyProperty()));
    emptyState.setMouseTransparent(false);
    emptyState.managedProperty().bind(emptyState.visibleProperty());

    trimNotice.textProperty().bind(viewModel.trimNoticeProperty());
    trimNotice.visibleProperty().bind(viewModel.trimNoticeProperty().isNotEmpty());
    trimNotice.managedProperty().bind(trimNotice.visibleProperty());

    input.textProperty().bindBidirectional(viewModel.inputProperty());
    input.addEventFilter(KeyEvent.KEY_PRESSED, this::onInputKey);
    sendButton.setGraphic(Icons.icon(Icons.SEND, 16));
    sendButton.setText(i18n.get("chat.send"));
    stopButton.setGraphic(Icons.icon(Icons.STOP, 14));
    stopButton.setText(i18n.get("chat.stop"));
    var generating = viewModel.stateProperty().isEqualTo(ChatViewModel.State.GENERATING);
    stopButton.visibleProperty().bind(generating);
    sendButton.visibleProperty().bind(generating.not());
    sendButton.disableProperty().bind(viewModel.inputProperty().isEmpty()
        .or(viewModel.stateProperty().isEqualTo(ChatViewModel.State.LOADING)));

    // Follow the answer while it streams unless the person scrolled up to read; only their own scrolling
    // changes that, since the scroll pane also moves the value itself when the content grows.
    scroller.addEventFilter(ScrollEvent.SCROLL, e -> userScrolled = true);
    scroller.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
      userScrolled = true;
      mouseDown = true;
    });
    scroller.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> mouseDown = false);
    scroller.vvalueProperty().addListener((obs, old, now) -> {
      if (userScrolled) {
        stickToBottom = now.doubleValue() >= scroller.getVmax() - 0.01;
      }
    });
    messageBox.heightProperty().addListener((obs, old, now) -> {
      userScrolled = mouseDown;
      if (stickToBottom) {
        scroller.setVvalue(scroller.getVmax());
      }
    });
    cardParts = new MessageCard.Parts(i18n, markdown, messageBox.widthProperty(), item -> answerActions.apply(item),
        () -> citationOpener, viewModel::regenerate, sourceViews);
    viewModel.messagesProperty().addListener((ListChangeListener<MessageItem>) change -> rebuild());
    viewModel.focusedMessageProperty().addListener((obs, old, now) -> revealFocused());
    viewModel.canRegenerateProperty().addListener((obs, old, now) -> markLast());
    rebuild();
  }

  private boolean userScrolled;
  private boolean mouseDown;

  private void onInputKey(KeyEvent event) {
    if (event.getCode() != KeyCode.ENTER) {
      return;
    }
    event.consume();
    if (event.isShiftDown()) {
      input.replaceSelection("\n");
    } else if (viewModel.state() != ChatViewModel.State.GENERATING) {
      send();
    }
  }

  @FXML
  private void send() {
    if (viewModel.send()) {
      stickToBottom = true;
    }
    input.requestFocus();
  }

  @FXML
  private void stop() {
    viewModel.stop();
  }

  /** Adds a tool (e.g. a microphone button) to the input box, before Send. */
  public void addComposerTool(Node tool) {
    composer.getChildren().add(composer.getChildren().size() - 1, tool);
  }

  /** Extra actions for every answer (e.g. read aloud); the factory may return null. */
  public void setAnswerActions(Function<MessageItem, Node> factory) {
    answerActions = factory;
    cards.clear();
    rebuild();
  }

  /** What a click on a document citation under an answer does (e.g. open the passage); none by default. */
  public void setCitationOpener(Consumer<AnswerSource> opener) {
    citationOpener = opener;
  }

  /** The chat's extension points for other features ({@link ChatHooks}). */
  public ChatHooks hooks() {
    if (answering == null) {
      answering = viewModel.stateProperty().isEqualTo(ChatViewModel.State.GENERATING);
    }
    return new ChatHooks() {
      @Override
      public void addComposerTool(Node tool) {
        ChatView.this.addComposerTool(tool);
      }

      @Override
      public void setCitationOpener(Consumer<AnswerSource> opener) {
        ChatView.this.setCitationOpener(opener);
      }

      @Override
      public void setBeforeFirstMessage(java.util.function.LongConsumer work) {
        viewModel.setBeforeFirstMessage(work);
      }

      @Override
      public javafx.beans.value.ObservableValue<Long> conversationId() {
        return viewModel.conversationIdProperty();
      }

      @Override
      public javafx.beans.value.ObservableBooleanValue answering() {
        return answering;
      }

      @Override
      public void setInputRouter(InputRouter router) {
        viewModel.setInputRouter(router);
      }

      @Override
      public void setCardView(Function<ChatCard, Node> view) {
        cardView = view;
        cards.keySet().removeIf(item -> item.card() != null);
        rebuild();
      }

      @Override
      public boolean isShowing() {
        return root().isVisible();
      }

      @Override
      public void showCard(Node card) {
        extraCards.add(card);
        messageBox.getChildren().add(card);
        stickToBottom = true;
      }

      @Override
      public void removeCard(Node card) {
        extraCards.remove(card);
        messageBox.getChildren().remove(card);
      }

      @Override
      public void setSourceView(String kind, Function<List<AnswerSource>, Node> view) {
        sourceViews.put(kind, view);
      }

      @Override
      public StringProperty input() {
        return viewModel.inputProperty();
      }

      @Override
      public void send() {
        viewModel.send();
      }

      @Override
      public void setAnswerAction(Function<ChatAnswer, Node> action) {
        setAnswerActions(item -> item.role() == Role.ASSISTANT ? action.apply(item) : null);
      }

      @Override
      public void addAnswerListener(Consumer<ChatAnswer> listener) {
        viewModel.messagesProperty().addListener((ListChangeListener<MessageItem>) change -> {
          while (change.next()) {
            change.getAddedSubList().stream().filter(item -> item.role() == Role.ASSISTANT).forEach(listener);
          }
        });
      }
    };
  }

  /** What the empty composer says ("Message Tars…", or "Starting…" while the engine loads). */
  public void setInputPrompt(String prompt) {
    input.setPromptText(prompt);
  }

  public void focusInput() {
    input.requestFocus();
  }

  /** Opens the settings dialog of the conversation shown. */
  public void openSettingsOfCurrent() {
    openSettings();
  }

  @FXML
  private void openSettings() {
    ConversationSettingsViewModel settings = viewModel.settings();
    if (settings != null) {
      new ConversationSettingsView(settings, i18n).show(root.getScene().getWindow());
    }
  }

  private void rebuild() {
    List<MessageItem> items = viewModel.messagesProperty();
    cards.keySet().retainAll(items);
    List<Node> nodes = items.stream().map(item -> cards.computeIfAbsent(item, this::nodeFor)).toList();
    messageBox.getChildren().setAll(nodes);
    messageBox.getChildren().addAll(extraCards);
    markLast();
    stickToBottom = true;
    revealFocused();
  }

  private Node nodeFor(MessageItem item) {
    Node card = item.card() == null ? null : cardView.apply(item.card());
    return card != null ? card : new MessageCard(item, cardParts);
  }

  /** Scrolls so that {@code card} sits near the top of the visible part. */
  private void scrollTo(Node card) {
    scroller.applyCss();
    scroller.layout();
    double room = messageBox.getHeight() - scroller.getViewportBounds().getHeight();
    double top = Math.max(0, card.getBoundsInParent().getMinY() - 16);
    scroller.setVvalue(room <= 0 ? 0 : Math.min(1, top / room) * scroller.getVmax());
  }

  /** Scrolls to the message a search result pointed at and marks it for a few seconds. */
  private void revealFocused() {
    long id = viewModel.focusedMessageProperty().get();
    if (id == 0) {
      return;
    }
    Node card = viewModel.messagesProperty().stream().filter(item -> item.id() == id).findFirst()
        .map(cards::get).orElse(null);
    if (card == null) {
      return;
    }
    viewModel.messageFocused();
    stickToBottom = false;
    card.getStyleClass().add("message-found");
    scrollTo(card);
    // Once more after the next pulse: Markdown bodies can still change height when they are first laid out.
    PauseTransition settle = new PauseTransition(Duration.millis(80));
    settle.setOnFinished(e -> scrollTo(card));
    settle.play();
    PauseTransition fade = new PauseTransition(Duration.seconds(4));
    fade.setOnFinished(e -> card.getStyleClass().remove("message-found"));
    fade.play();
  }

  private void markLast() {
    List<MessageItem> items = viewModel.messagesProperty();
    for (int i = 0; i < items.size(); i++) {
      if (cards.get(items.get(i)) instanceof MessageCard card) {
        card.showRegenerate(i == items.size() - 1 && viewModel.canRegenerateProperty().get());
      }
    }
  }
}
