package dev.tars.desktop.search;

import atlantafx.base.theme.Styles;
import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.search.SearchHit;
import dev.tars.search.Snippet;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import atlantafx.base.controls.CustomTextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The Ctrl+K search: a panel over the window with a query field and results with highlighted snippets.
 * Enter or a click opens the selected result; Esc or a click outside closes it. It lives in the window's
 * root {@link StackPane}, so it needs no second window.
 */
public final class SearchDialog {
  public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);

  private final SearchViewModel viewModel;
  private final I18n i18n;
  private final StackPane overlay;
  private final CustomTextField field = new CustomTextField();
  private final ListView<SearchHit> results = new ListView<>();
  private final DateTimeFormatter when;
  private final ZoneId zone;

  public SearchDialog(SearchViewModel viewModel, I18n i18n, ZoneId zone) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.zone = zone;
    // A language without a country ("en") formats MEDIUM dates as "2026 Nov 20"; day month year reads well in both.
    this.when = DateTimeFormatter.ofPattern("d MMM yyyy", i18n.locale());
    field.getStyleClass().add("search-field");
    field.setPromptText(i18n.get("search.prompt"));
    field.textProperty().bindBidirectional(viewModel.queryProperty());
    field.setLeft(Icons.icon(Icons.SEARCH, 16));
    BusyDots busy = new BusyDots();
    busy.visibleProperty().bind(viewModel.searchingProperty());
    field.setRight(busy);
    results.getStyleClass().add("search-results");
    results.setItems(viewModel.results());
    results.setCellFactory(v -> new HitCell());
    results.setPrefHeight(420);
    Label status = new Label();
    status.getStyleClass().add("muted");
    status.textProperty().bind(viewModel.statusProperty());
    results.setPlaceholder(new Label(i18n.get("search.hint")));
    Label keys = new Label(i18n.get("search.keys"));
    keys.getStyleClass().add("muted");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox footer = new HBox(8, status, gap, keys);
    VBox panel = new VBox(10, field, results, footer);
    panel.getStyleClass().add("search-dialog");
    panel.setMaxSize(680, Region.USE_PREF_SIZE);
    panel.setOnMouseClicked(e -> e.consume());
    overlay = new StackPane(panel);
    StackPane.setAlignment(panel, Pos.TOP_CENTER);
    overlay.setStyle("-fx-background-color: rgba(0,0,0,0.25); -fx-padding: 72 24 24 24;");
    overlay.setVisible(false);
    overlay.setOnMouseClicked(e -> close());
    overlay.getStylesheets().add(Objects.requireNonNull(
        SearchDialog.class.getResource("/dev/tars/desktop/memory/memory.css"), "memory.css").toExternalForm());
    field.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DOWN) {
        results.requestFocus();
        results.getSelectionModel().selectFirst();
        e.consume();
      } else if (e.getCode() == KeyCode.ENTER) {
        openSelectedOrFirst();
        e.consume();
      }
    });
    results.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        openSelectedOrFirst();
        e.consume();
      }
    });
    results.setOnMouseClicked(e -> {
      if (e.getClickCount() == 1 && results.getSelectionModel().getSelectedItem() != null) {
        openSelectedOrFirst();
      }
    });
    overlay.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        close();
        e.consume();
      }
    });
  }

  /** The layer to add on top of the window's root stack pane. */
  public StackPane overlay() {
    return overlay;
  }

  /** Adds Ctrl+K (Cmd+K on macOS) to {@code scene}. */
  public void install(Scene scene) {
    scene.getAccelerators().put(SHORTCUT, this::open);
  }

  public void open() {
    overlay.setVisible(true);
    overlay.toFront();
    field.requestFocus();
    field.selectAll();
  }

  public void close() {
    overlay.setVisible(false);
  }

  public boolean isOpen() {
    return overlay.isVisible();
  }

  private void openSelectedOrFirst() {
    SearchHit hit = results.getSelectionModel().getSelectedItem();
    if (hit == null && !results.getItems().isEmpty()) {
      hit = results.getItems().get(0);
    }
    if (hit != null) {
      close();
      viewModel.open(hit);
    }
  }

  /** The snippet as text runs, matches in bold. */
  static TextFlow snippetFlow(Snippet snippet) {
    TextFlow flow = new TextFlow();
    int at = 0;
    for (Snippet.Highlight h : snippet.highlights()) {
      if (h.start() > at) {
        flow.getChildren().add(styled(snippet.text().substring(at, h.start()), "hit-text"));
      }
      flow.getChildren().add(styled(snippet.text().substring(h.start(), h.end()), "hit-match"));
      at = h.end();
    }
    if (at < snippet.text().length()) {
      flow.getChildren().add(styled(snippet.text().substring(at), "hit-text"));
    }
    return flow;
  }

  private static Text styled(String text, String style) {
    Text t = new Text(text);
    t.getStyleClass().add(style);
    return t;
  }

  private final class HitCell extends ListCell<SearchHit> {
    HitCell() {
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(SearchHit hit, boolean empty) {
      super.updateItem(hit, empty);
      if (empty || hit == null) {
        setGraphic(null);
        return;
      }
      // A conversation's title is its snippet, and a memory has no title of its own.
      boolean titled = hit.kind() == SearchHit.Kind.MESSAGE || hit.kind() == SearchHit.Kind.DOCUMENT
          || hit.kind() == SearchHit.Kind.NOTE;
      Label title = new Label(titled ? hit.title() : "");
      title.getStyleClass().add("hit-title");
      Label kind = new Label(i18n.get("search.kind." + hit.kind().name().toLowerCase(java.util.Locale.ROOT)));
      kind.getStyleClass().add("hit-kind");
      Region gap = new Region();
      HBox.setHgrow(gap, Priority.ALWAYS);
      Label date = new Label(hit.when() == null ? "" : when.format(hit.when().atZone(zone)));
      date.getStyleClass().add("hit-when");
      String icon = switch (hit.kind()) {
        case MEMORY, NOTE -> Icons.EDIT;
        case DOCUMENT -> Icons.FOLDER;
        case CONVERSATION, MESSAGE -> Icons.CHAT;
      };
      HBox top = new HBox(8, Icons.icon(icon, 14), kind, title, gap, date);
      top.setAlignment(Pos.CENTER_LEFT);
      TextFlow snippet = snippetFlow(hit.snippet());
      if (hit.kind() == SearchHit.Kind.CONVERSATION) {
        snippet.getChildren().forEach(n -> n.getStyleClass().replaceAll(c -> c.equals("hit-text") ? "hit-title" : c));
      }
      VBox box = new VBox(4, top, snippet);
      box.getStyleClass().add(Styles.TEXT);
      setGraphic(box);
    }
  }
}
