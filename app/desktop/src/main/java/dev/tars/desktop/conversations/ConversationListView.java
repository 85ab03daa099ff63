package dev.tars.desktop.conversations;

import dev.tars.desktop.feature.ConversationListHooks;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXML;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

/** The sidebar: New, filter, and the conversations newest first with inline rename and delete. */
public final class ConversationListView {
  private final ConversationListViewModel viewModel;
  private final I18n i18n;
  private final Runnable openSettingsOfSelected;
  private final Runnable newConversation;
  private final Parent root;
  // The conversation being renamed in place; the list's own editing would also start on a plain click.
  private final ObjectProperty<ConversationItem> renaming = new SimpleObjectProperty<>();

  @FXML private Button newButton;
  @FXML private TextField filter;
  @FXML private ListView<ConversationItem> list;
  @FXML private Label emptyLabel;
  @FXML private VBox header;
  private final ObjectProperty<Consumer<ConversationItem>> moveAction = new SimpleObjectProperty<>();
  private final ObjectProperty<Consumer<ConversationItem>> exportAction = new SimpleObjectProperty<>();

  /** @param openSettingsOfSelected opens the settings dialog of the selected conversation */
  public ConversationListView(ConversationListViewModel viewModel, I18n i18n, Runnable openSettingsOfSelected) {
    this(viewModel, i18n, openSettingsOfSelected, viewModel::newConversation);
  }

  /**
   * @param newConversation what New chat does; the window's own also leaves a page (Memory, Settings) for the
   *     chat, which the list alone cannot
   */
  public ConversationListView(ConversationListViewModel viewModel, I18n i18n, Runnable openSettingsOfSelected,
      Runnable newConversation) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.openSettingsOfSelected = openSettingsOfSelected;
    this.newConversation = newConversation;
    this.root = Fxml.load(this, i18n);
  }

  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    newButton.setGraphic(Icons.icon(Icons.ADD, 14));
    filter.textProperty().bindBidirectional(viewModel.filterProperty());
    list.setItems(viewModel.items());
    list.setCellFactory(lv -> new ConversationCell());
    list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
      if (now != null || !viewModel.items().contains(viewModel.selectedProperty().get())) {
        viewModel.selectedProperty().set(now);
      }
    });
    viewModel.selectedProperty().addListener((obs, old, now) -> {
      if (now == null) {
        list.getSelectionModel().clearSelection();
      } else if (list.getSelectionModel().getSelectedItem() != now) {
        list.getSelectionModel().select(now);
        list.scrollTo(now);
      }
    });
    list.setOnKeyPressed(e -> {
      ConversationItem selected = list.getSelectionModel().getSelectedItem();
      if (selected == null) {
        return;
      }
      if (e.getCode() == KeyCode.F2) {
        renaming.set(selected);
        e.consume();
      } else if (e.getCode() == KeyCode.DELETE) {
        viewModel.delete(selected);
        e.consume();
      }
    });
    emptyLabel.textProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.state()) {
      case EMPTY -> i18n.get("conversations.empty");
      case NO_MATCHES -> i18n.get("conversations.noMatches");
      default -> "";
    }, viewModel.stateProperty()));
    emptyLabel.visibleProperty().bind(emptyLabel.textProperty().isNotEmpty());
    emptyLabel.setMouseTransparent(true);
  }

  @FXML
  private void newConversation() {
    newConversation.run();
  }

  /** Starts renaming the selected conversation in place. */
  public void renameSelected() {
    ConversationItem selected = list.getSelectionModel().getSelectedItem();
    if (selected != null) {
      renaming.set(selected);
    }
  }

  /** Puts {@code node} under the app's name, above New chat (e.g. the project switcher). */
  public void addHeader(Node node) {
    header.getChildren().add(node);
  }

  /** Adds "Move to project…" to each conversation's menu; {@code action} asks where to and moves it. */
  public void setMoveAction(Consumer<ConversationItem> action) {
    moveAction.set(action);
  }

  /** Adds "Export…" to each conversation's menu. */
  public void setExportAction(Consumer<ConversationItem> action) {
    exportAction.set(action);
  }

  /** The list's extension points for other features ({@link ConversationListHooks}). */
  public ConversationListHooks hooks() {
    return new ConversationListHooks() {
      @Override
      public void addHeader(Node node) {
        ConversationListView.this.addHeader(node);
      }

      @Override
      public void setMoveAction(Consumer<Entry> action) {
        ConversationListView.this.setMoveAction(item -> action.accept(new Entry(item.id(), item.title())));
      }

      @Override
      public void setExportAction(Consumer<Entry> action) {
        ConversationListView.this.setExportAction(item -> action.accept(new Entry(item.id(), item.title())));
      }
    };
  }

  public void focusFilter() {
    filter.requestFocus();
  }

  static String age(Instant when, Instant now, I18n i18n) {
    if (when == null) {
      return "";
    }
    Duration ago = Duration.between(when, now);
    if (ago.toMinutes() < 1) {
      return i18n.get("time.now");
    }
    if (ago.toHours() < 1) {
      return i18n.get("time.minutes", ago.toMinutes());
    }
    if (ago.toDays() < 1) {
      return i18n.get("time.hours", ago.toHours());
    }
    if (ago.toDays() < 7) {
      return i18n.get("time.days", ago.toDays());
    }
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(i18n.locale())
        .format(when.atZone(ZoneId.systemDefault()));
  }

  private final class ConversationCell extends ListCell<ConversationItem> {
    private final Label title = new Label();
    private final Label age = new Label();
    private final VBox box = new VBox(2, title, age);
    private final TextField editor = new TextField();

    ConversationCell() {
      getStyleClass().add("conversation-cell");
      // A cell as wide as its text would give the list a horizontal scroll bar; long titles get an ellipsis.
      setPrefWidth(1);
      title.setMaxWidth(Double.MAX_VALUE);
      title.getStyleClass().add("conversation-title");
      age.getStyleClass().add("conversation-age");
      editor.setOnAction(e -> finishRename());
      editor.setOnKeyPressed(e -> {
        if (e.getCode() == KeyCode.ESCAPE) {
          renaming.set(null);
          e.consume();
        }
      });
      editor.focusedProperty().addListener((obs, was, now) -> {
        if (!now && renamingThis()) {
          finishRename();
        }
      });
      renaming.addListener((obs, old, now) -> showRenaming());
      setOnMouseClicked(e -> {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
          renaming.set(getItem());
        }
      });
      MenuItem rename = new MenuItem(i18n.get("conversations.rename"), Icons.icon(Icons.EDIT, 14));
      rename.setOnAction(e -> renaming.set(getItem()));
      MenuItem settings = new MenuItem(i18n.get("chat.settings"), Icons.icon(Icons.TUNE, 14));
      settings.setOnAction(e -> {
        getListView().getSelectionModel().select(getItem());
        openSettingsOfSelected.run();
      });
      MenuItem delete = new MenuItem(i18n.get("conversations.delete"), Icons.icon(Icons.DELETE, 14));
      delete.setOnAction(e -> viewModel.delete(getItem()));
      MenuItem move = new MenuItem(i18n.get("conversations.move"), Icons.icon(Icons.FOLDER, 14));
      move.visibleProperty().bind(moveAction.isNotNull());
      move.setOnAction(e -> moveAction.get().accept(getItem()));
      MenuItem export = new MenuItem(i18n.get("conversations.export"), Icons.icon(Icons.DOWNLOAD, 14));
      export.visibleProperty().bind(exportAction.isNotNull());
      export.setOnAction(e -> exportAction.get().accept(getItem()));
      ContextMenu menu = new ContextMenu(rename, settings, move, export, delete);
      emptyProperty().addListener((obs, was, empty) -> setContextMenu(empty ? null : menu));
    }

    private boolean renamingThis() {
      return getItem() != null && renaming.get() == getItem();
    }

    private void finishRename() {
      ConversationItem item = getItem();
      String text = editor.getText();
      renaming.set(null);
      if (item != null) {
        viewModel.rename(item, text);
      }
    }

    private void showRenaming() {
      if (getItem() == null) {
        return;
      }
      if (renamingThis()) {
        editor.setText(getItem().title());
        setGraphic(editor);
        editor.requestFocus();
        editor.selectAll();
      } else {
        setGraphic(box);
      }
    }

    @Override
    protected void updateItem(ConversationItem item, boolean empty) {
      super.updateItem(item, empty);
      title.textProperty().unbind();
      if (empty || item == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      title.textProperty().bind(item.titleProperty());
      age.setText(ConversationListView.age(item.updatedAtProperty().get(), Instant.now(), i18n));
      setText(null);
      setGraphic(renamingThis() ? editor : box);
    }
  }
}
