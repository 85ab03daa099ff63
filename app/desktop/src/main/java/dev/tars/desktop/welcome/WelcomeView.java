package dev.tars.desktop.welcome;

import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** First run: choose a GGUF model or drop one on the window. */
public final class WelcomeView {
  private final WelcomeViewModel viewModel;
  private final I18n i18n;
  private final Runnable openSettings;
  private final Parent root;

  @FXML private Button chooseButton;
  @FXML private VBox dropZone;
  @FXML private ProgressIndicator checking;
  @FXML private Label error;

  public WelcomeView(WelcomeViewModel viewModel, I18n i18n, Runnable openSettings) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.openSettings = openSettings;
    this.root = Fxml.load(this, i18n);
  }

  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    chooseButton.setGraphic(Icons.icon(Icons.FOLDER, 16));
    chooseButton.disableProperty().bind(viewModel.stateProperty().isEqualTo(WelcomeViewModel.State.CHECKING));
    checking.visibleProperty().bind(viewModel.stateProperty().isEqualTo(WelcomeViewModel.State.CHECKING));
    checking.managedProperty().bind(checking.visibleProperty());
    error.textProperty().bind(viewModel.errorProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
  }

  @FXML
  private void choose() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("welcome.chooserTitle"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(i18n.get("welcome.filterGguf"), "*.gguf", "*.GGUF"),
        new FileChooser.ExtensionFilter(i18n.get("welcome.filterAll"), "*"));
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      viewModel.choose(file.toPath());
    }
  }

  @FXML
  private void useRemote() {
    openSettings.run();
  }

  /** Drag-over on the window while this page shows: accept files and highlight the drop zone. */
  public void dragOver(DragEvent event) {
    if (event.getDragboard().hasFiles()) {
      event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
      if (!dropZone.getStyleClass().contains("drag-over")) {
        dropZone.getStyleClass().add("drag-over");
      }
    }
    event.consume();
  }

  public void dragExited() {
    dropZone.getStyleClass().remove("drag-over");
  }

  public void dropped(DragEvent event) {
    dropZone.getStyleClass().remove("drag-over");
    boolean files = event.getDragboard().hasFiles();
    if (files) {
      List<Path> paths = event.getDragboard().getFiles().stream().map(File::toPath).toList();
      viewModel.dropped(paths);
    }
    event.setDropCompleted(files);
    event.consume();
  }
}
