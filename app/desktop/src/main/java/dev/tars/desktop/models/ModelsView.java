package dev.tars.desktop.models;

import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import java.util.function.Function;

/** The Models page: catalog with fit labels, downloads with progress, import (button or drop) and delete. */
public final class ModelsView {
  private final ModelsViewModel viewModel;
  private final I18n i18n;

  @FXML private BorderPane root;
  @FXML private Button importButton;
  @FXML private Label machineLabel;
  @FXML private Label noticeLabel;
  @FXML private TableView<ModelRow> table;
  @FXML private TableColumn<ModelRow, String> modelColumn;
  @FXML private TableColumn<ModelRow, String> kindColumn;
  @FXML private TableColumn<ModelRow, String> sizeColumn;
  @FXML private TableColumn<ModelRow, String> quantColumn;
  @FXML private TableColumn<ModelRow, String> contextColumn;
  @FXML private TableColumn<ModelRow, String> licenseColumn;
  @FXML private TableColumn<ModelRow, String> fitColumn;
  @FXML private TableColumn<ModelRow, ModelRow> statusColumn;
  @FXML private TableColumn<ModelRow, String> actionsColumn;

  public ModelsView(ModelsViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
  }

  /** Builds the page; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, "ModelsView.fxml", i18n);
  }

  @FXML
  private void initialize() {
    machineLabel.textProperty().bind(viewModel.machineProperty());
    noticeLabel.textProperty().bind(viewModel.noticeProperty());
    table.setItems(viewModel.rows());
    text(modelColumn, ModelRow::titleProperty);
    text(kindColumn, ModelRow::kindProperty);
    text(sizeColumn, ModelRow::sizeProperty);
    text(quantColumn, ModelRow::quantizationProperty);
    text(contextColumn, ModelRow::contextProperty);
    text(licenseColumn, ModelRow::licenseProperty);
    text(fitColumn, ModelRow::fitProperty);
    fitColumn.setCellFactory(column -> new FitCell());
    statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    statusColumn.setCellFactory(column -> new StatusCell());
    actionsColumn.setCellValueFactory(c -> javafx.beans.binding.Bindings.createStringBinding(
        () -> c.getValue().state() + (c.getValue().activeProperty().get() ? " active" : ""),
        c.getValue().stateProperty(), c.getValue().activeProperty()));
    actionsColumn.setCellFactory(column -> new ActionsCell());
    root.setOnDragOver(this::onDragOver);
    root.setOnDragDropped(this::onDragDropped);
  }

  private static void text(TableColumn<ModelRow, String> column, Function<ModelRow, StringProperty> property) {
    column.setCellValueFactory(c -> property.apply(c.getValue()));
  }

  @FXML
  private void onImport() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("models.page.importTitle"));
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("welcome.filterGguf"), "*.gguf"));
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      viewModel.importFile(file.toPath(), false);
    }
  }

  private void onDragOver(DragEvent event) {
    if (event.getDragboard().hasFiles() && ggufFiles(event.getDragboard().getFiles()).size() > 0) {
      event.acceptTransferModes(TransferMode.COPY);
    }
    event.consume();
  }

  private void onDragDropped(DragEvent event) {
    List<File> files = ggufFiles(event.getDragboard().getFiles());
    files.forEach(f -> viewModel.importFile(f.toPath(), false));
    event.setDropCompleted(!files.isEmpty());
    event.consume();
  }

  private static List<File> ggufFiles(List<File> files) {
    return files.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).endsWith(".gguf")).toList();
  }

  private void confirmDelete(ModelRow row) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
        i18n.get(row.entry() != null ? "models.page.confirmDelete.catalog" : "models.page.confirmDelete.imported",
            row.titleProperty().get(), row.sizeProperty().get()),
        ButtonType.YES, ButtonType.NO);
    alert.setTitle(i18n.get("models.page.confirmDelete.title"));
    alert.setHeaderText(null);
    alert.initOwner(root.getScene().getWindow());
    alert.showAndWait().filter(ButtonType.YES::equals).ifPresent(b -> viewModel.delete(row));
  }

  private static final class FitCell extends TableCell<ModelRow, String> {
    @Override
    protected void updateItem(String fit, boolean empty) {
      super.updateItem(fit, empty);
      getStyleClass().removeAll("fit-fits", "fit-slow", "fit-wont");
      if (empty || fit == null) {
        setText(null);
        setTooltip(null);
        return;
      }
      setText(fit);
      ModelRow row = getTableRow() == null ? null : getTableRow().getItem();
      setTooltip(row == null ? null : new Tooltip(row.fitHintProperty().get()));
      getStyleClass().add(row == null ? "fit-fits" : switch (row.fitLevelProperty().get()) {
        case FITS -> "fit-fits";
        case MAY_BE_SLOW -> "fit-slow";
        case WONT_FIT -> "fit-wont";
      });
    }
  }

  /** Progress bar with bytes, speed and time left while downloading; the status or metadata otherwise. */
  private static final class StatusCell extends TableCell<ModelRow, ModelRow> {
    private final ProgressBar bar = new ProgressBar(0);
    private final Label progress = new Label();
    private final Label message = new Label();
    private final VBox box = new VBox(2, bar, progress, message);
    private final Tooltip tooltip = new Tooltip();

    StatusCell() {
      bar.setMaxWidth(Double.MAX_VALUE);
      progress.getStyleClass().add("models-progress-text");
      message.getStyleClass().add("models-message");
      message.setWrapText(false);
      bar.managedProperty().bind(bar.visibleProperty());
      progress.managedProperty().bind(progress.visibleProperty());
    }

    @Override
    protected void updateItem(ModelRow row, boolean empty) {
      super.updateItem(row, empty);
      bar.progressProperty().unbind();
      progress.textProperty().unbind();
      message.textProperty().unbind();
      bar.visibleProperty().unbind();
      progress.visibleProperty().unbind();
      tooltip.textProperty().unbind();
      if (empty || row == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      bar.progressProperty().bind(row.progressProperty());
      progress.textProperty().bind(row.progressTextProperty());
      message.textProperty().bind(javafx.beans.binding.Bindings.when(
              row.stateProperty().isEqualTo(ModelRow.State.INSTALLED))
          .then(row.detailsProperty()).otherwise(row.messageProperty()));
      var moving = row.stateProperty().isEqualTo(ModelRow.State.DOWNLOADING)
          .or(row.stateProperty().isEqualTo(ModelRow.State.QUEUED))
          .or(row.stateProperty().isEqualTo(ModelRow.State.PAUSED))
          .or(row.stateProperty().isEqualTo(ModelRow.State.VERIFYING));
      bar.visibleProperty().bind(moving);
      progress.visibleProperty().bind(moving);
      tooltip.textProperty().bind(message.textProperty());
      setTooltip(tooltip);
      setGraphic(box);
    }
  }

  private final class ActionsCell extends TableCell<ModelRow, String> {
    private final HBox box = new HBox(6);

    ActionsCell() {
      box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(String key, boolean empty) {
      super.updateItem(key, empty);
      ModelRow row = getTableRow() == null ? null : getTableRow().getItem();
      if (empty || key == null || row == null) {
        setGraphic(null);
        return;
      }
      box.getChildren().clear();
      switch (row.state()) {
        case AVAILABLE -> box.getChildren().add(button("models.page.download", () -> viewModel.download(row)));
        case FAILED -> box.getChildren().add(button("models.page.retry", () -> viewModel.download(row)));
        case QUEUED, DOWNLOADING -> box.getChildren().addAll(button("models.page.pause", () -> viewModel.pause(row)),
            button("action.cancel", () -> viewModel.cancel(row)));
        case PAUSED -> box.getChildren().addAll(button("models.page.resume", () -> viewModel.download(row)),
            button("action.cancel", () -> viewModel.cancel(row)));
        case INSTALLED -> {
          if (row.activeProperty().get()) {
            Label inUse = new Label(i18n.get("models.page.inUse"));
            inUse.getStyleClass().add("models-in-use");
            box.getChildren().add(inUse);
          } else if (viewModel.canUse(row)) {
            box.getChildren().add(button("models.page.use", () -> viewModel.use(row)));
          }
          box.getChildren().add(button("models.page.delete", () -> confirmDelete(row)));
        }
        case VERIFYING, INCLUDED -> { }
      }
      setGraphic(box);
    }

    private Button button(String textKey, Runnable action) {
      Button b = new Button(i18n.get(textKey));
      b.getStyleClass().add("models-action");
      b.getStyleClass().add("small");
      b.setOnAction(e -> action.run());
      return b;
    }
  }
}
