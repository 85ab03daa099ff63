package dev.tars.desktop.backup;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import dev.tars.backup.BackupState;
import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The Backups page: table of archives with Verify and Restore, and Back up now. */
public final class BackupsView {
  private final BackupsViewModel viewModel;
  private final I18n i18n;
  private final Runnable openSettings;

  @FXML private BorderPane root;
  @FXML private Label summaryLabel;
  @FXML private Label progressLabel;
  @FXML private Label problemLabel;
  @FXML private Button settingsButton;
  @FXML private Button backupButton;
  @FXML private BusyDots busy;
  @FXML private TableView<BackupRow> table;
  @FXML private TableColumn<BackupRow, String> createdColumn;
  @FXML private TableColumn<BackupRow, String> sizeColumn;
  @FXML private TableColumn<BackupRow, String> stateColumn;
  @FXML private TableColumn<BackupRow, String> madeByColumn;
  @FXML private TableColumn<BackupRow, String> detailsColumn;
  @FXML private TableColumn<BackupRow, BackupRow> actionsColumn;

  /**
   * @param openSettings shows where backups are set up (schedule, what is kept, mirror, alerts)
   */
  public BackupsView(BackupsViewModel viewModel, I18n i18n, Runnable openSettings) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.openSettings = openSettings;
  }

  /** Builds the page; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, i18n);
  }

  @FXML
  private void initialize() {
    summaryLabel.textProperty().bind(viewModel.summaryProperty());
    progressLabel.textProperty().bind(viewModel.progressProperty());
    problemLabel.textProperty().bind(viewModel.problemProperty());
    problemLabel.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
    problemLabel.managedProperty().bind(problemLabel.visibleProperty());
    var idle = viewModel.stateProperty().isEqualTo(BackupsViewModel.State.IDLE);
    backupButton.disableProperty().bind(idle.not());
    busy.visibleProperty().bind(idle.not());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setItems(viewModel.rows());
    table.setPlaceholder(new Label(i18n.get("backups.empty")));
    text(createdColumn, BackupRow::created);
    text(sizeColumn, BackupRow::size);
    text(stateColumn, BackupRow::state);
    text(madeByColumn, BackupRow::madeBy);
    text(detailsColumn, BackupRow::details);
    stateColumn.setCellFactory(c -> new StateCell());
    settingsButton.setVisible(openSettings != null);
    settingsButton.setManaged(openSettings != null);
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
  private void onSettings() {
    if (openSettings != null) {
      openSettings.run();
    }
  }

  @FXML
  private void onBackUpNow() {
    viewModel.backUpNow();
  }

  private void askRestore(String question) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
    alert.setTitle(i18n.get("backups.restore.title"));
    alert.setHeaderText(null);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText(i18n.get("backups.restore.confirm"));
    ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setText(i18n.get("action.cancel"));
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
      BackupRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
      if (row != null) {
        getStyleClass().add(row.status() == BackupState.VERIFIED ? "backup-verified"
            : row.status() == BackupState.FAILED ? "backup-damaged" : "backup-unchecked");
      }
    }
  }

  private final class ActionsCell extends TableCell<BackupRow, BackupRow> {
    private final Button verify = new Button(i18n.get("backups.verify"));
    private final Button restore = new Button(i18n.get("backups.restore"));
    private final HBox box = new HBox(6, verify, restore);

    ActionsCell() {
      box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
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
