package dev.tars.desktop.knowledge;

import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** The Knowledge page: collections, documents with status, job progress, drop target for files and folders. */
public final class KnowledgeView {
  private final KnowledgeViewModel viewModel;
  private final I18n i18n;

  @FXML private BorderPane root;
  @FXML private ComboBox<String> collectionBox;
  @FXML private Button addFilesButton;
  @FXML private Button addFolderButton;
  @FXML private Button pauseButton;
  @FXML private Button cancelButton;
  @FXML private Button removeButton;
  @FXML private ProgressBar progressBar;
  @FXML private Label progressLabel;
  @FXML private Label noticeLabel;
  @FXML private TableView<DocumentRow> table;
  @FXML private TableColumn<DocumentRow, String> nameColumn;
  @FXML private TableColumn<DocumentRow, String> pagesColumn;
  @FXML private TableColumn<DocumentRow, String> chunksColumn;
  @FXML private TableColumn<DocumentRow, String> statusColumn;
  @FXML private TableColumn<DocumentRow, String> folderColumn;

  public KnowledgeView(KnowledgeViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
  }

  /** Builds the page; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, "KnowledgeView.fxml", i18n);
  }

  @FXML
  private void initialize() {
    collectionBox.setItems(viewModel.collections());
    collectionBox.valueProperty().bindBidirectional(viewModel.collectionProperty());
    table.setItems(viewModel.documents());
    text(nameColumn, DocumentRow::name);
    text(pagesColumn, DocumentRow::pages);
    text(chunksColumn, DocumentRow::chunks);
    text(folderColumn, DocumentRow::folder);
    text(statusColumn, DocumentRow::statusText);
    statusColumn.setCellFactory(column -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        DocumentRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty ? null : item);
        setTooltip(item == null || empty ? null : new Tooltip(item));
        setStyle(row != null && row.failed() ? "-fx-text-fill: -color-danger-fg;" : "");
      }
    });
    progressBar.progressProperty().bind(viewModel.progressProperty());
    // A full bar over "0 documents indexed" reads as done with nothing: show it once there is something.
    progressBar.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.documents()));
    progressBar.managedProperty().bind(progressBar.visibleProperty());
    progressLabel.textProperty().bind(viewModel.progressTextProperty());
    noticeLabel.textProperty().bind(viewModel.noticeProperty());
    viewModel.stateProperty().addListener((obs, old, now) -> updateButtons(now));
    updateButtons(viewModel.stateProperty().get());
    removeButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    root.setOnDragOver(this::onDragOver);
    root.setOnDragDropped(this::onDragDropped);
  }

  private void updateButtons(KnowledgeViewModel.State state) {
    pauseButton.setText(i18n.get(state == KnowledgeViewModel.State.PAUSED
        ? "knowledge.page.resume" : "knowledge.page.pause"));
    pauseButton.setDisable(state == KnowledgeViewModel.State.IDLE);
    cancelButton.setDisable(state == KnowledgeViewModel.State.IDLE);
  }

  private static void text(TableColumn<DocumentRow, String> column, Function<DocumentRow, String> value) {
    column.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyStringWrapper(value.apply(c.getValue())));
  }

  private void onDragOver(DragEvent e) {
    if (e.getDragboard().hasFiles()) {
      e.acceptTransferModes(TransferMode.COPY);
    }
    e.consume();
  }

  private void onDragDropped(DragEvent e) {
    boolean ok = e.getDragboard().hasFiles();
    if (ok) {
      viewModel.add(e.getDragboard().getFiles().stream().map(File::toPath).toList());
    }
    e.setDropCompleted(ok);
    e.consume();
  }

  @FXML
  private void onAddFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("knowledge.page.addFilesTitle"));
    List<File> files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
    if (files != null) {
      viewModel.add(files.stream().map(File::toPath).toList());
    }
  }

  @FXML
  private void onAddFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(i18n.get("knowledge.page.addFolderTitle"));
    File dir = chooser.showDialog(root.getScene().getWindow());
    if (dir != null) {
      viewModel.add(List.of(dir.toPath()));
    }
  }

  @FXML
  private void onPauseResume() {
    if (viewModel.stateProperty().get() == KnowledgeViewModel.State.PAUSED) {
      viewModel.resume();
    } else {
      viewModel.pause();
    }
  }

  @FXML
  private void onCancel() {
    viewModel.cancel();
  }

  @FXML
  private void onRemove() {
    DocumentRow row = table.getSelectionModel().getSelectedItem();
    if (row != null) {
      viewModel.remove(row);
    }
  }

  public Parent root() {
    return root;
  }
}
