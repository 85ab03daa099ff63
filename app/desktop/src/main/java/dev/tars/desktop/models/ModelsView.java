package dev.tars.desktop.models;

import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import java.io.File;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;

/**
 * The Models page: catalog with fit labels and the recommended model first, a search box, rows that expand to
 * their description and licence, downloads with progress, import (button or drop) and delete.
 */
public final class ModelsView {
  private final ModelsViewModel viewModel;
  private final I18n i18n;

  @FXML private BorderPane root;
  @FXML private Button importButton;
  @FXML private TextField searchField;
  @FXML private Label machineLabel;
  @FXML private Label noticeLabel;
  @FXML private Label placeholder;
  @FXML private TableView<ModelRow> table;
  @FXML private TableColumn<ModelRow, ModelRow> modelColumn;
  @FXML private TableColumn<ModelRow, ModelRow> sizeColumn;
  @FXML private TableColumn<ModelRow, String> quantColumn;
  @FXML private TableColumn<ModelRow, String> contextColumn;
  @FXML private TableColumn<ModelRow, String> licenseColumn;
  @FXML private TableColumn<ModelRow, ModelRow> fitColumn;
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
    searchField.textProperty().bindBidirectional(viewModel.searchProperty());
    placeholder.textProperty().bind(Bindings.when(viewModel.searchProperty().isEmpty())
        .then(i18n.get("models.page.empty")).otherwise(i18n.get("models.page.noMatch")));
    SortedList<ModelRow> sorted = new SortedList<>(viewModel.shownRows());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.setRowFactory(t -> new ModelTableRow(this::details));
    table.setOnKeyPressed(e -> {
      ModelRow selected = table.getSelectionModel().getSelectedItem();
      if (selected != null && (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE)) {
        selected.expandedProperty().set(!selected.expandedProperty().get());
        e.consume();
      }
    });

    modelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    modelColumn.setCellFactory(column -> new ModelCell());
    modelColumn.setComparator(Comparator.comparing(r -> r.titleProperty().get()));
    sizeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    sizeColumn.setCellFactory(column -> new SizeCell());
    sizeColumn.setComparator(Comparator.comparingLong(ModelRow::sizeBytes));
    text(quantColumn, ModelRow::quantizationProperty);
    text(contextColumn, ModelRow::contextProperty);
    contextColumn.setComparator(Comparator.comparingDouble(ModelsView::tokensOf));
    text(licenseColumn, ModelRow::licenseProperty);
    licenseColumn.setCellFactory(column -> new WrappingCell());
    fitColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    fitColumn.setCellFactory(column -> new FitCell());
    fitColumn.setComparator(ModelsViewModel.BY_FIT);
    statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    statusColumn.setCellFactory(column -> new StatusCell());
    actionsColumn.setCellValueFactory(c -> Bindings.createStringBinding(
        () -> c.getValue().state() + (c.getValue().activeProperty().get() ? " active" : ""),
        c.getValue().stateProperty(), c.getValue().activeProperty()));
    actionsColumn.setCellFactory(column -> new ActionsCell());
    // Best fit first until the person clicks another header.
    table.getSortOrder().add(fitColumn);
    root.setOnDragOver(this::onDragOver);
    root.setOnDragDropped(this::onDragDropped);
  }

  private static void text(TableColumn<ModelRow, String> column, Function<ModelRow, StringProperty> property) {
    column.setCellValueFactory(c -> property.apply(c.getValue()));
  }

  private static double tokensOf(String shown) {
    if (shown == null || shown.isEmpty()) {
      return 0;
    }
    return shown.endsWith("K") ? Double.parseDouble(shown.substring(0, shown.length() - 1)) * 1024
        : Double.parseDouble(shown);
  }

  /** What an expanded row shows under it: the description, the licence link and what the file says. */
  private VBox details(ModelRow row) {
    VBox box = new VBox(4);
    box.getStyleClass().add("models-details");
    if (!row.descriptionProperty().get().isEmpty()) {
      Text description = new Text(row.descriptionProperty().get());
      description.getStyleClass().add("models-details-text");
      description.wrappingWidthProperty().bind(table.widthProperty().subtract(60));
      box.getChildren().add(description);
    }
    HBox license = new HBox(4);
    license.setAlignment(Pos.CENTER_LEFT);
    license.getChildren().add(new Label(i18n.get("models.page.licenseLabel")));
    if (row.entry() != null && row.entry().licenseUrl() != null) {
      javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(row.licenseProperty().get());
      link.setTooltip(new Tooltip(row.entry().licenseUrl().toString()));
      link.setOnAction(e -> viewModel.openLicense(row));
      link.getStyleClass().add("models-license-link");
      license.getChildren().add(link);
    } else {
      license.getChildren().add(new Label(row.licenseProperty().get()));
    }
    box.getChildren().add(license);
    String file = row.state() == ModelRow.State.INSTALLED ? row.detailsProperty().get()
        : row.state() == ModelRow.State.AVAILABLE ? row.messageProperty().get() : "";
    if (file != null && !file.isEmpty()) {
      Label note = new Label(file);
      note.getStyleClass().add("models-message");
      note.setWrapText(true);
      box.getChildren().add(note);
    }
    return box;
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

  /** Text that wraps inside its column instead of ending in "...". */
  private static final class WrappingCell extends TableCell<ModelRow, String> {
    private final Text text = new Text();

    WrappingCell() {
      text.getStyleClass().add("models-cell-text");
      text.wrappingWidthProperty().bind(widthProperty().subtract(12));
    }

    @Override
    protected void updateItem(String value, boolean empty) {
      super.updateItem(value, empty);
      setText(null);
      text.setText(empty || value == null ? "" : value);
      setGraphic(empty ? null : text);
    }
  }

  /** The model's name (wrapping), its kind, the "Recommended" mark and an arrow saying whether it is expanded. */
  private final class ModelCell extends TableCell<ModelRow, ModelRow> {
    private final Label arrow = new Label();
    private final Text title = new Text();
    private final Label kind = new Label();
    private final Label recommended = new Label(i18n.get("models.page.recommended"));
    private final HBox under = new HBox(6, kind, recommended);
    private final VBox lines = new VBox(2, title, under);
    private final HBox box = new HBox(6, arrow, lines);

    ModelCell() {
      title.getStyleClass().add("models-title-text");
      kind.getStyleClass().add("models-kind");
      recommended.getStyleClass().add("models-recommended");
      recommended.setMinWidth(Label.USE_PREF_SIZE);
      recommended.managedProperty().bind(recommended.visibleProperty());
      arrow.getStyleClass().add("models-arrow");
      arrow.setMinWidth(Label.USE_PREF_SIZE);
      under.setAlignment(Pos.CENTER_LEFT);
      title.wrappingWidthProperty().bind(widthProperty().subtract(34));
    }

    @Override
    protected void updateItem(ModelRow row, boolean empty) {
      super.updateItem(row, empty);
      arrow.textProperty().unbind();
      title.textProperty().unbind();
      kind.textProperty().unbind();
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      arrow.textProperty().bind(Bindings.when(row.expandedProperty()).then("\u25BE").otherwise("\u25B8"));
      title.textProperty().bind(row.titleProperty());
      kind.textProperty().bind(row.kindProperty());
      recommended.setVisible(row.recommended());
      setGraphic(box);
    }
  }

  /** "491.0 MB", sorted by the bytes behind it. */
  private static final class SizeCell extends TableCell<ModelRow, ModelRow> {
    @Override
    protected void updateItem(ModelRow row, boolean empty) {
      super.updateItem(row, empty);
      setText(empty || row == null ? null : row.sizeProperty().get());
    }
  }

  private final class FitCell extends TableCell<ModelRow, ModelRow> {
    @Override
    protected void updateItem(ModelRow row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().removeAll("fit-fits", "fit-slow", "fit-wont");
      if (empty || row == null) {
        setText(null);
        setTooltip(null);
        return;
      }
      setText(row.fitProperty().get());
      setTooltip(new Tooltip(row.fitHintProperty().get()));
      getStyleClass().add(switch (row.fitLevelProperty().get()) {
        case FITS -> "fit-fits";
        case MAY_BE_SLOW -> "fit-slow";
        case WONT_FIT -> "fit-wont";
      });
    }
  }

  /**
   * Progress bar with bytes, speed and time left while downloading; the status otherwise (nothing for a model
   * one can simply download: the checksum note is in the expanded row, not repeated on every line).
   */
  private static final class StatusCell extends TableCell<ModelRow, ModelRow> {
    private final ProgressBar bar = new ProgressBar(0);
    private final Text progress = new Text();
    private final Text message = new Text();
    private final VBox box = new VBox(2, bar, progress, message);
    private final Tooltip tooltip = new Tooltip();

    StatusCell() {
      bar.setMaxWidth(Double.MAX_VALUE);
      progress.getStyleClass().addAll("models-progress-text", "models-cell-text");
      message.getStyleClass().addAll("models-message", "models-cell-text");
      progress.wrappingWidthProperty().bind(widthProperty().subtract(12));
      message.wrappingWidthProperty().bind(widthProperty().subtract(12));
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
      message.textProperty().bind(Bindings.createStringBinding(() -> switch (row.state()) {
        case INSTALLED -> row.messageProperty().get();
        case AVAILABLE -> "";
        default -> row.messageProperty().get();
      }, row.stateProperty(), row.messageProperty()));
      var moving = row.stateProperty().isEqualTo(ModelRow.State.DOWNLOADING)
          .or(row.stateProperty().isEqualTo(ModelRow.State.QUEUED))
          .or(row.stateProperty().isEqualTo(ModelRow.State.PAUSED))
          .or(row.stateProperty().isEqualTo(ModelRow.State.VERIFYING));
      bar.visibleProperty().bind(moving);
      progress.visibleProperty().bind(moving);
      tooltip.textProperty().bind(Bindings.when(row.stateProperty().isEqualTo(ModelRow.State.INSTALLED))
          .then(row.detailsProperty()).otherwise(row.messageProperty()));
      setTooltip(tooltip);
      setGraphic(box);
    }
  }

  private final class ActionsCell extends TableCell<ModelRow, String> {
    private final HBox box = new HBox(6);

    ActionsCell() {
      box.setAlignment(Pos.CENTER_LEFT);
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
      b.setMinWidth(Button.USE_PREF_SIZE);
      b.setOnAction(e -> action.run());
      return b;
    }
  }
}
