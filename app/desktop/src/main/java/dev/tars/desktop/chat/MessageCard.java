package dev.tars.desktop.chat;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.MessageStatus;
import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.MarkdownView;
import dev.tars.desktop.fx.Icons;
import dev.tars.engine.Role;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.DoubleExpression;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** One message: a bubble for the person, a card with Markdown and actions for Tars. */
final class MessageCard extends HBox {
  /**
   * What every message card shares with the chat view.
   *
   * @param width the message list's width (a person's bubble takes at most three quarters of it)
   * @param citationOpener what a click on a citation does, read at the click (it may be set later)
   * @param sourceViews how other features show sources of their kind (tool calls), by kind
   */
  record Parts(I18n i18n, MarkdownView markdown, DoubleExpression width,
      Function<MessageItem, Node> answerActions, Supplier<Consumer<AnswerSource>> citationOpener,
      Runnable regenerate, Map<String, Function<List<AnswerSource>, Node>> sourceViews) {}

  private final MessageItem item;
  private final Parts parts;
  private final VBox body = new VBox();
  private final Label status = new Label();
  private final Label error = new Label();
  // Until the first words arrive; from then on the growing text shows that Tars is answering (decision 1460).
  private final BusyDots typing = new BusyDots();
  private final Button regenerate = new Button();
  private final Button copy = new Button();

  MessageCard(MessageItem item, Parts parts) {
    this.item = item;
    this.parts = parts;
    getStyleClass().add("message-row");
    if (item.role() == Role.USER) {
      buildUser();
    } else {
      buildAssistant();
    }
  }

  private void buildUser() {
    setAlignment(Pos.TOP_RIGHT);
    Label bubble = new Label();
    bubble.textProperty().bind(item.contentProperty());
    bubble.setWrapText(true);
    bubble.getStyleClass().add("user-bubble");
    bubble.setMinHeight(Region.USE_PREF_SIZE);
    bubble.maxWidthProperty().bind(parts.width().multiply(0.75));
    getChildren().add(bubble);
  }

  private void buildAssistant() {
    setAlignment(Pos.TOP_LEFT);
    Label name = new Label(parts.i18n().get("chat.assistantName"));
    name.getStyleClass().add("assistant-name");
    status.getStyleClass().add("status-badge");
    typing.getStyleClass().add("typing");
    HBox header = new HBox(8, name, status, typing);
    header.setAlignment(Pos.CENTER_LEFT);

    error.getStyleClass().add("message-error");
    error.setWrapText(true);
    error.textProperty().bind(item.errorProperty());
    error.visibleProperty().bind(item.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());

    copy.setGraphic(Icons.icon(Icons.COPY, 13));
    copy.setText(parts.i18n().get("action.copy"));
    copy.getStyleClass().addAll("flat", "small", "message-action");
    copy.setOnAction(e -> copyAnswer());
    regenerate.setGraphic(Icons.icon(Icons.REFRESH, 14));
    regenerate.setText(parts.i18n().get("chat.regenerate"));
    regenerate.getStyleClass().addAll("flat", "small", "message-action");
    regenerate.setOnAction(e -> parts.regenerate().run());
    showRegenerate(false);
    HBox actions = new HBox(4, copy, regenerate);
    Node extra = parts.answerActions().apply(item);
    if (extra != null) {
      actions.getChildren().add(extra);
    }
    actions.getStyleClass().add("message-actions");

    body.getStyleClass().addAll("assistant-body", "markdown");
    VBox sources = new VBox(4);
    sources.getStyleClass().add("answer-sources");
    item.sources().addListener((ListChangeListener<AnswerSource>) change -> fillSources(sources));
    fillSources(sources);
    VBox card = new VBox(6, header, body, error, sources, actions);
    card.getStyleClass().add("assistant-card");
    HBox.setHgrow(card, Priority.ALWAYS);
    card.setMaxWidth(Double.MAX_VALUE);
    getChildren().add(card);

    item.contentProperty().addListener((obs, old, now) -> {
      parts.markdown().fill(body, now);
      showTyping();
    });
    item.statusProperty().addListener((obs, old, now) -> showStatus());
    parts.markdown().fill(body, item.content());
    showStatus();
  }

  /** Citation chips for document passages, then one quiet line for memories and project instructions. */
  private void fillSources(VBox box) {
    List<AnswerSource> cited = item.sources().stream().filter(s -> ChatView.CITED_KIND.equals(s.kind())).toList();
    List<AnswerSource> used = item.sources().stream().filter(s -> !ChatView.CITED_KIND.equals(s.kind())
        && !parts.sourceViews().containsKey(s.kind())).toList();
    box.getChildren().clear();
    parts.sourceViews().forEach((kind, view) -> {
      List<AnswerSource> ofKind = item.sources().stream().filter(s -> kind.equals(s.kind())).toList();
      if (!ofKind.isEmpty()) {
        box.getChildren().add(view.apply(ofKind));
      }
    });
    if (!cited.isEmpty()) {
      FlowPane chips = new FlowPane(6, 6);
      chips.getStyleClass().add("citation-chips");
      for (AnswerSource source : cited) {
        Button chip = new Button(source.label());
        chip.getStyleClass().addAll("citation-chip", "small");
        chip.setGraphic(Icons.icon(Icons.BOOK, 11));
        chip.setTooltip(new Tooltip(parts.i18n().get("chat.citation.open", source.label())));
        chip.setOnAction(e -> {
          Consumer<AnswerSource> opener = parts.citationOpener().get();
          if (opener != null) {
            opener.accept(source);
          }
        });
        chips.getChildren().add(chip);
      }
      box.getChildren().add(chips);
    }
    if (!used.isEmpty()) {
      long memories = used.stream().filter(s -> "memory".equals(s.kind())).count();
      List<String> names = new java.util.ArrayList<>();
      used.stream().filter(s -> !"memory".equals(s.kind())).map(AnswerSource::label).forEach(names::add);
      if (memories > 0) {
        names.add(parts.i18n().get("chat.used.memories", memories));
      }
      Label line = new Label(parts.i18n().get("chat.used", String.join(" · ", names)));
      line.getStyleClass().add("answer-used");
      line.setTooltip(new Tooltip(String.join("\n", used.stream().map(AnswerSource::label).toList())));
      box.getChildren().add(line);
    }
    box.setVisible(!box.getChildren().isEmpty());
    box.setManaged(box.isVisible());
  }

  private void showStatus() {
    MessageStatus s = item.status();
    boolean streaming = s == MessageStatus.STREAMING;
    showTyping();
    copy.setDisable(streaming);
    status.getStyleClass().removeAll("stopped", "interrupted");
    switch (s) {
      case STOPPED -> {
        status.setText(parts.i18n().get("chat.status.stopped"));
        status.getStyleClass().add("stopped");
      }
      case INTERRUPTED -> {
        status.setText(parts.i18n().get("chat.status.interrupted"));
        status.getStyleClass().add("interrupted");
      }
      default -> status.setText("");
    }
    status.setVisible(s.isIncomplete());
    status.setManaged(s.isIncomplete());
  }

  private void showTyping() {
    boolean waiting = item.status() == MessageStatus.STREAMING && item.content().isEmpty();
    if (typing.isVisible() != waiting) {
      typing.setVisible(waiting);
      typing.setManaged(waiting);
    }
  }

  void showRegenerate(boolean show) {
    regenerate.setVisible(show);
    regenerate.setManaged(show);
  }

  private void copyAnswer() {
    ClipboardContent content = new ClipboardContent();
    content.putString(item.content());
    javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    copy.setText(parts.i18n().get("action.copied"));
    PauseTransition reset = new PauseTransition(Duration.seconds(1.5));
    reset.setOnFinished(done -> copy.setText(parts.i18n().get("action.copy")));
    reset.play();
  }
}
