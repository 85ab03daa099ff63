package dev.tars.desktop.backup;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import dev.tars.desktop.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The Backups page: table of archives with Verify and Restore, and Back up now. */
public final class BackupsView {
  private final BackupsViewModel viewModel;

  @FXML private BorderPane root;
  @FXML private Label summaryLabel;
  @FXML private Button backupButton;
  @FXML private ProgressIndicator busy;
  @FXML private TableView<BackupRow> table;
  @FXML private TableColumn<BackupRow, String> createdColumn;
  @FXML private TableColumn<BackupRow, String> sizeColumn;
  @FXML private TableColumn<BackupRow, String> stateColumn;
  @FXML private TableColumn<BackupRow, String> madeByColumn;
  @FXML private TableColumn<BackupRow, String> detailsColumn;
  @FXML private TableColumn<BackupRow, BackupRow> actionsColumn;

  public BackupsView(BackupsViewModel viewModel) {
    this.viewModel = viewModel;
  }

  /** Builds the page; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, "Backups.fxml");
  }

  @FXML
  private void initialize() {
    summaryLabel.textProperty().bind(viewModel.summaryProperty());
    var idle = viewModel.stateProperty().isEqualTo(BackupsViewModel.State.IDLE);
    backupButton.disableProperty().bind(idle.not());
    busy.visibleProperty().bind(idle.not());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setItems(viewModel.rows());
    table.setPlaceholder(new Label("No backups yet."));
    text(createdColumn, BackupRow::created);
    text(sizeColumn, BackupRow::size);
    text(stateColumn, BackupRow::state);
    text(madeByColumn, BackupRow::madeBy);
    text(detailsColumn, BackupRow::details);
    stateColumn.setCellFactory(c -> new StateCell());
    detailsColumn.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String details, boolean empty) {
        super.updateItem(details, empty);
        setText(empty ? null : details);
        setTooltip(empty || details == null || details.isEmpty() ? null : new javafx.scene.control.Tooltip(details));
      }
    });
    actionsColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
    actionsColumn.setCellFactory(c -> new ActionsCell());
    viewModel.restoreQuestionProperty().addListener((obs, old, question) -> {
      if (!question.isEmpty()) {
        askRestore(question);
      }
    });
    viewModel.refresh();
  }

  @FXML
  private void onBackUpNow() {
    viewModel.backUpNow();
  }

  private void askRestore(String question) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
    alert.setTitle("Restore backup");
    alert.setHeaderText(null);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText("Restore and restart");
    if (root.getScene() != null) {
      alert.initOwner(root.getScene().getWindow());
    }
    alert.showAndWait().filter(ButtonType.OK::equals).ifPresentOrElse(b -> viewModel.confirmRestore(),
        viewModel::cancelRestore);
  }

  private static void text(TableColumn<BackupRow, String> column, Function<BackupRow, String> value) {
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
  }

  private static final class StateCell extends TableCell<BackupRow, String> {
    @Override
    protected void updateItem(String state, boolean empty) {
      super.updateItem(state, empty);
      getStyleClass().removeAll("backup-verified", "backup-damaged", "backup-unchecked");
      setText(empty ? null : state);
      if (!empty && state != null) {
        getStyleClass().add(switch (state) {
          case "verified" -> "backup-verified";
          case "damaged" -> "backup-damaged";
          default -> "backup-unchecked";
        });
      }
    }
  }

  private final class ActionsCell extends TableCell<BackupRow, BackupRow> {
    private final Button verify = new Button("Verify");
    private final Button restore = new Button("Restore…");
    private final HBox box = new HBox(6, verify, restore);

    ActionsCell() {
      var idle = viewModel.stateProperty().isEqualTo(BackupsViewModel.State.IDLE);
      verify.getStyleClass().add("small");
      restore.getStyleClass().add("small");
      verify.disableProperty().bind(idle.not());
      verify.setOnAction(e -> viewModel.verify(getItem()));
      restore.setOnAction(e -> viewModel.prepareRestore(getItem()));
    }

    @Override
    protected void updateItem(BackupRow row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      restore.disableProperty().unbind();
      restore.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(BackupsViewModel.State.IDLE)
          .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> !row.restorable())));
      setGraphic(box);
    }
  }
}
