package dev.tars.desktop.notes;

import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.desktop.fx.MarkdownView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Notes page: the notesList with its notesSearch on the left, the noteEditor (title, tags, project, Markdown text with a
 * rendered preview) on the right. Typing autosaves after a short pause ({@link NotesViewModel#autosave()}).
 */
public final class NotesView {
  /** Pause in typing after which the editor's text is saved. */
  static final Duration AUTOSAVE_PAUSE = Duration.millis(700);

  private final NotesViewModel viewModel;
  private final I18n i18n;
  private final MarkdownView markdown;
  private final DateTimeFormatter when;
  private final ZoneId zone;
  private final VBox root;
  private final PauseTransition pause = new PauseTransition(AUTOSAVE_PAUSE);
  private boolean selecting;

  @FXML private SplitPane notesSplit;
  @FXML private TextField notesSearch;
  @FXML private Button newNoteButton;
  @FXML private ListView<NotesViewModel.Row> notesList;
  @FXML private Label notesStatus;
  @FXML private Label notesPlaceholder;
  @FXML private VBox noteEditor;
  @FXML private TextField noteTitle;
  @FXML private Label noteSaveState;
  @FXML private ToggleButton notePreviewToggle;
  @FXML private Button noteDelete;
  @FXML private TextField noteTags;
  @FXML private ComboBox<NotesViewModel.ProjectOption> noteProject;
  @FXML private TextArea noteBody;
  @FXML private ScrollPane notePreview;

  public NotesView(NotesViewModel viewModel, I18n i18n, ZoneId zone) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.zone = zone;
    this.markdown = new MarkdownView(i18n);
    this.when = DateTimeFormatter.ofPattern("d MMM yyyy", i18n.locale());
    this.root = Fxml.load(this, i18n);
    root.getStylesheets().add(Objects.requireNonNull(NotesView.class.getResource("notes.css"), "notes.css")
        .toExternalForm());
  }

  public VBox root() {
    return root;
  }

  @FXML
  private void initialize() {
    notesSplit.setDividerPositions(0.34);
    notesSearch.textProperty().bindBidirectional(viewModel.queryProperty());
    newNoteButton.setGraphic(Icons.icon(Icons.ADD, 14));
    newNoteButton.setMinWidth(Region.USE_PREF_SIZE);
    notesSearch.setTooltip(new Tooltip(i18n.get("notes.search.tooltip")));
    notesList.setItems(viewModel.rows());
    notesList.setCellFactory(v -> new NoteCell());
    notesList.setPlaceholder(new Label(i18n.get("notes.empty")));
    notesList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
      if (now != null && !selecting) {
        viewModel.open(now.id());
      }
    });
    viewModel.selectedIdProperty().addListener((obs, old, now) -> selectInList());
    viewModel.rows().addListener((javafx.collections.ListChangeListener<NotesViewModel.Row>) c -> selectInList());
    notesStatus.textProperty().bind(viewModel.statusProperty());

    noteEditor.visibleProperty().bind(viewModel.editingProperty());
    notesPlaceholder.visibleProperty().bind(viewModel.editingProperty().not());
    noteTitle.textProperty().bindBidirectional(viewModel.titleProperty());
    noteBody.textProperty().bindBidirectional(viewModel.bodyProperty());
    noteTags.textProperty().bindBidirectional(viewModel.tagsProperty());
    noteProject.setItems(viewModel.projectOptions());
    noteProject.valueProperty().bindBidirectional(viewModel.projectProperty());
    noteProject.setTooltip(new Tooltip(i18n.get("notes.project")));
    noteDelete.setGraphic(Icons.icon(Icons.DELETE, 14));
    noteDelete.setTooltip(new Tooltip(i18n.get("notes.delete")));
    notePreviewToggle.setGraphic(Icons.icon(Icons.BOOK, 14));
    notePreviewToggle.setTooltip(new Tooltip(i18n.get("notes.preview.tooltip")));

    pause.setOnFinished(e -> viewModel.autosave());
    for (var text : java.util.List.of(noteTitle.textProperty(), noteBody.textProperty(), noteTags.textProperty())) {
      text.addListener((obs, old, now) -> typed());
    }
    noteProject.valueProperty().addListener((obs, old, now) -> typed());
    viewModel.saveStateProperty().addListener((obs, old, now) -> showSaveState(now));
    showSaveState(viewModel.saveStateProperty().get());

    notePreview.visibleProperty().bind(notePreviewToggle.selectedProperty());
    noteBody.visibleProperty().bind(notePreviewToggle.selectedProperty().not());
    notePreviewToggle.selectedProperty().addListener((obs, was, now) -> renderPreview());
    viewModel.bodyProperty().addListener((obs, old, now) -> {
      if (notePreviewToggle.isSelected()) {
        renderPreview();
      }
    });
    viewModel.editingProperty().addListener((obs, was, now) -> {
      if (now && viewModel.selectedIdProperty().get() == 0) {
        notePreviewToggle.setSelected(false);
        noteBody.requestFocus();
      }
    });
  }

  /** Puts the cursor in the search field (the page's shortcut opens it there). */
  public void focusSearch() {
    notesSearch.requestFocus();
  }

  private void typed() {
    viewModel.edited();
    pause.playFromStart();
  }

  private void renderPreview() {
    VBox box = markdown.render(viewModel.bodyProperty().get());
    box.getStyleClass().add("note-preview-content");
    notePreview.setContent(box);
  }

  private void showSaveState(NotesViewModel.SaveState state) {
    noteSaveState.setText(switch (state) {
      case NONE -> "";
      case SAVING -> i18n.get("notes.saving");
      case SAVED -> i18n.get("notes.saved");
      case FAILED -> i18n.get("notes.notSaved");
    });
  }

  private void selectInList() {
    long id = viewModel.selectedIdProperty().get();
    selecting = true;
    try {
      notesList.getItems().stream().filter(r -> r.id() == id).findFirst().ifPresentOrElse(row -> {
        notesList.getSelectionModel().select(row);
        notesList.scrollTo(row);
      }, () -> notesList.getSelectionModel().clearSelection());
    } finally {
      selecting = false;
    }
  }

  @FXML
  private void newNote() {
    viewModel.newNote();
    noteTitle.requestFocus();
  }

  @FXML
  private void delete() {
    pause.stop();
    viewModel.delete();
  }

  private final class NoteCell extends ListCell<NotesViewModel.Row> {
    NoteCell() {
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(NotesViewModel.Row row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      Label title = new Label(row.title().isBlank() ? i18n.get("notes.untitled") : row.title());
      title.getStyleClass().add("note-row-title");
      Region gap = new Region();
      HBox.setHgrow(gap, Priority.ALWAYS);
      Label date = new Label(when.format(row.updatedAt().atZone(zone)));
      date.getStyleClass().add("note-row-when");
      date.setMinWidth(Region.USE_PREF_SIZE);
      HBox top = new HBox(6, title, gap, date);
      top.setAlignment(Pos.CENTER_LEFT);
      VBox box = new VBox(2, top);
      if (!row.preview().isBlank()) {
        Label preview = new Label(row.preview());
        preview.getStyleClass().add("note-row-preview");
        box.getChildren().add(preview);
      }
      if (!row.tags().isEmpty()) {
        Label tags = new Label("#" + String.join("  #", row.tags()));
        tags.getStyleClass().add("note-tag");
        box.getChildren().add(tags);
      }
      setGraphic(box);
    }
  }
}
