package dev.tars.desktop.fx;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The label-and-field grid of a Settings section built in code (Backups and alerts, Local API server), laid out
 * like the sections of Settings.fxml: a 220 px label column and a field column that takes the rest.
 */
public final class SectionGrid {
  private static final double LABEL_WIDTH = 220;

  private SectionGrid() {}

  public static GridPane create() {
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(10);
    ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH);
    labels.setMaxWidth(LABEL_WIDTH);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labels, fields);
    return grid;
  }
}
