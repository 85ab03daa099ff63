package dev.tars.desktop.knowledge;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The passage a citation points to: file name, page and folder, the passage highlighted within the text around
 * it (scrolled into view), and Open file.
 */
public final class PassageView {
  private final PassageViewModel viewModel;
  private final I18n i18n;
  private final Text before = new Text();
  private final Text passage = new Text();
  private final Text after = new Text();
  private final TextFlow flow = new TextFlow(before, passage, after);
  private final Path highlight = new Path();
  private final ScrollPane scroller;
  private final VBox root;

  public PassageView(PassageViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    Label file = new Label();
    file.setId("passageFile");
    file.getStyleClass().add("passage-file");
    file.textProperty().bind(viewModel.fileNameProperty());
    Label where = new Label();
    where.getStyleClass().add("passage-where");
    where.textProperty().bind(viewModel.whereProperty());
    Label message = new Label();
    message.setWrapText(true);
    message.getStyleClass().add("passage-message");
    message.textProperty().bind(viewModel.messageProperty());
    message.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());

    before.getStyleClass().add("passage-context");
    after.getStyleClass().add("passage-context");
    passage.getStyleClass().add("passage-text");
    passage.setId("passageText");
    before.textProperty().bind(viewModel.beforeProperty());
    passage.textProperty().bind(viewModel.passageProperty());
    after.textProperty().bind(viewModel.afterProperty());
    flow.setLineSpacing(3);
    highlight.getStyleClass().add("passage-highlight");
    highlight.setManaged(false);
    Pane behind = new Pane(highlight);
    StackPane text = new StackPane(behind, flow);
    text.setAlignment(Pos.TOP_LEFT);
    text.setPadding(new Insets(4));
    flow.layoutBoundsProperty().addListener((obs, old, now) -> markPassage());
    scroller = new ScrollPane(text);
    scroller.setFitToWidth(true);
    scroller.getStyleClass().add("passage-scroller");
    scroller.setPrefSize(640, 420);
    scroller.visibleProperty().bind(viewModel.stateProperty().isEqualTo(PassageViewModel.State.SHOWN));
    VBox.setVgrow(scroller, Priority.ALWAYS);

    root = new VBox(8, file, where, message, scroller);
    root.setPadding(new Insets(16, 20, 4, 20));
    root.getStylesheets().add(Objects.requireNonNull(
        PassageView.class.getResource("/dev/tars/desktop/chat/citations.css"), "citations.css").toExternalForm());
    viewModel.stateProperty().addListener((obs, old, now) -> {
      if (now == PassageViewModel.State.SHOWN) {
        flow.applyCss();
        flow.layout();
        markPassage();
        scrollToPassage();
      }
    });
  }

  /**
   * The sentence that answered gets a marker-pen background, so it stands out in any theme; the rest of the
   * passage is set apart by its text style. A citation that names no sentence marks the whole passage.
   */
  private void markPassage() {
    int passageStart = before.getText().length();
    int length = passage.getText().length();
    int from = Math.clamp(viewModel.sentenceStartProperty().get(), 0, length);
    int to = Math.clamp(viewModel.sentenceEndProperty().get(), from, length);
    int start = passageStart + (to > from ? from : 0);
    int end = passageStart + (to > from ? to : length);
    highlight.getElements().setAll(end > start ? flow.rangeShape(start, end) : new javafx.scene.shape.PathElement[0]);
  }

  private void scrollToPassage() {
    double total = flow.getLayoutBounds().getHeight();
    double view = scroller.getViewportBounds().getHeight();
    double y = highlight.getLayoutBounds().getMinY();
    if (total > view && view > 0) {
      scroller.setVvalue(Math.clamp((y - view / 3) / (total - view), 0, 1));
    }
  }

  /** Shows the passage in a dialog over {@code owner}; the chat stays usable behind it. */
  public void show(Window owner) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.initModality(Modality.NONE);
    dialog.setResizable(true);
    dialog.setTitle(i18n.get("passage.title"));
    dialog.getDialogPane().setContent(root);
    ButtonType open = new ButtonType(i18n.get("passage.openFile"), ButtonBar.ButtonData.LEFT);
    ButtonType close = new ButtonType(i18n.get("passage.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
    dialog.getDialogPane().getButtonTypes().addAll(open, close);
    Button openButton = (Button) dialog.getDialogPane().lookupButton(open);
    openButton.setId("openFileButton");
    openButton.textProperty().bind(viewModel.openLabelProperty());
    openButton.setGraphic(Icons.icon(Icons.FOLDER, 13));
    openButton.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(PassageViewModel.State.SHOWN));
    openButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
      e.consume();
      viewModel.openFile();
    });
    dialog.show();
    if (viewModel.stateProperty().get() == PassageViewModel.State.SHOWN) {
      markPassage();
      scrollToPassage();
    }
  }
}
