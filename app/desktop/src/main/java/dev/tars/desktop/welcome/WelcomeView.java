package dev.tars.desktop.welcome;

import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** First run: download the recommended model, choose a GGUF model or drop one on the window. */
public final class WelcomeView {
  private final WelcomeViewModel viewModel;
  private final I18n i18n;
  private final Runnable openSettings;
  private final Parent root;

  @FXML private Button chooseButton;
  @FXML private VBox dropZone;
  @FXML private BusyDots checking;
  @FXML private Label error;
  @FXML private Label intro;
  @FXML private VBox downloadBox;
  @FXML private Button downloadButton;
  @FXML private Label recommendedWhy;
  @FXML private VBox progressBox;
  @FXML private ProgressBar progressBar;
  @FXML private Label progressText;
  @FXML private Button pauseButton;
  @FXML private Button resumeButton;
  @FXML private Button cancelButton;
  @FXML private Label downloadError;
  @FXML private Button retryButton;
  @FXML private Label orLabel;

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
    bindDownload();
  }

  /** The one-click download of the recommended model, shown only when there is one to offer. */
  private void bindDownload() {
    var download = viewModel.downloadProperty();
    BooleanBinding offered = download.isNotEqualTo(WelcomeViewModel.Download.NONE);
    showWhen(downloadBox, offered);
    showWhen(orLabel, offered);
    intro.textProperty().bind(Bindings.when(offered).then(i18n.get("welcome.textDownload"))
        .otherwise(i18n.get("welcome.text")));
    // With a download to offer it is the main button; choosing a file is the alternative.
    chooseButton.setDefaultButton(false);
    offered.addListener((obs, was, now) -> setMainButton(now));
    setMainButton(offered.get());
    downloadButton.textProperty().bind(viewModel.downloadTextProperty());
    downloadButton.setGraphic(Icons.icon(Icons.DOWNLOAD, 16));
    showWhen(downloadButton, download.isEqualTo(WelcomeViewModel.Download.OFFERED)
        .or(download.isEqualTo(WelcomeViewModel.Download.DONE)));
    downloadButton.disableProperty().bind(download.isEqualTo(WelcomeViewModel.Download.DONE));
    recommendedWhy.textProperty().bind(viewModel.recommendedWhyProperty());
    showWhen(progressBox, download.isEqualTo(WelcomeViewModel.Download.RUNNING)
        .or(download.isEqualTo(WelcomeViewModel.Download.PAUSED)));
    showWhen(pauseButton, download.isEqualTo(WelcomeViewModel.Download.RUNNING));
    showWhen(resumeButton, download.isEqualTo(WelcomeViewModel.Download.PAUSED));
    cancelButton.visibleProperty().bind(progressBox.visibleProperty());
    showWhen(downloadError, viewModel.downloadErrorProperty().isNotEmpty());
    downloadError.textProperty().bind(viewModel.downloadErrorProperty());
    showWhen(retryButton, download.isEqualTo(WelcomeViewModel.Download.FAILED));
    viewModel.recommendedProperty().addListener((obs, old, offer) -> showProgressOf(offer));
    showProgressOf(viewModel.recommendedProperty().get());
  }

  private void showProgressOf(dev.tars.desktop.feature.ModelOffer offer) {
    if (offer != null) {
      progressBar.progressProperty().bind(offer.progressProperty());
      progressText.textProperty().bind(offer.progressTextProperty());
    }
  }

  private void setMainButton(boolean downloadOffered) {
    downloadButton.setDefaultButton(downloadOffered);
    chooseButton.setDefaultButton(!downloadOffered);
    chooseButton.getStyleClass().remove("accent");
    if (!downloadOffered) {
      chooseButton.getStyleClass().add("accent");
    }
  }

  private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
    node.visibleProperty().bind(condition);
    node.managedProperty().bind(node.visibleProperty());
  }

  @FXML
  private void download() {
    viewModel.download();
  }

  @FXML
  private void pause() {
    viewModel.pause();
  }

  @FXML
  private void cancel() {
    viewModel.cancel();
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
