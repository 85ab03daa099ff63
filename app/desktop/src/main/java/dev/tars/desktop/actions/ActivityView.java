package dev.tars.desktop.actions;

import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Activity page: one row per action, newest first, with Undo where it can be undone. */
public final class ActivityView {
  private final ActivityViewModel viewModel;
  private final I18n i18n;

  @FXML private ListView<ActivityViewModel.Row> list;
  @FXML private Label empty;

  public ActivityView(ActivityViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
  }

  /** Builds the page, like the other pages built on their first visit; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, i18n);
  }

  @FXML
  private void initialize() {
    list.setItems(viewModel.rows());
    list.setCellFactory(view -> new RowCell());
    list.setFocusTraversable(true);
    empty.visibleProperty().bind(viewModel.stateProperty().isEqualTo(ActivityViewModel.State.EMPTY));
    list.visibleProperty().bind(empty.visibleProperty().not());
  }

  private final class RowCell extends ListCell<ActivityViewModel.Row> {
    @Override
    protected void updateItem(ActivityViewModel.Row row, boolean isEmpty) {
      super.updateItem(row, isEmpty);
      if (isEmpty || row == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label what = new Label(row.what());
      what.getStyleClass().add("activity-what");
      Label summary = new Label(row.summary());
      summary.getStyleClass().add("activity-summary");
      summary.setWrapText(true);
      HBox headline = new HBox(8, what, summary);
      headline.setAlignment(Pos.BASELINE_LEFT);
      String whenAndWhere = i18n.get("activity.whenFrom", row.when(), row.origin())
          + (row.detail().isEmpty() ? "" : " · " + i18n.get("activity.at", row.detail()))
          + (row.undone() ? " · " + i18n.get("activity.undoneMark") : "");
      Label meta = new Label(whenAndWhere);
      meta.getStyleClass().add("activity-meta");
      VBox text = new VBox(2, headline, meta);
      HBox.setHgrow(text, Priority.ALWAYS);
      text.setMaxWidth(Double.MAX_VALUE);
      HBox line = new HBox(12, text);
      line.setAlignment(Pos.CENTER_LEFT);
      if (row.canUndo()) {
        Button undo = new Button(i18n.get("activity.undo"));
        undo.getStyleClass().addAll("button-outlined", "small", "activity-undo");
        undo.setOnAction(e -> viewModel.undo(row));
        undo.setMinWidth(Region.USE_PREF_SIZE);
        line.getChildren().add(undo);
      }
      line.getStyleClass().add(row.undone() ? "activity-row-undone" : "activity-row");
      setText(null);
      setGraphic(line);
    }
  }
}
