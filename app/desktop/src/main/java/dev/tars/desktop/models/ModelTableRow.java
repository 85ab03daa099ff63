package dev.tars.desktop.models;

import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Skin;
import javafx.scene.control.TableRow;
import javafx.scene.control.skin.TableRowSkin;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;

/**
 * A Models table row that expands, on a click or Enter, to show what {@code details} builds under its cells
 * (description, licence link). A click on a button inside the row does its own thing and does not toggle.
 */
final class ModelTableRow extends TableRow<ModelRow> {
  private final Function<ModelRow, ? extends Region> details;
  private final ChangeListener<Boolean> expandedListener = (obs, was, now) -> showDetails();
  private Region shownDetails;

  ModelTableRow(Function<ModelRow, ? extends Region> details) {
    this.details = details;
    setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && getItem() != null && !insideButton(e.getPickResult().getIntersectedNode())) {
        getItem().expandedProperty().set(!getItem().expandedProperty().get());
      }
    });
  }

  private boolean insideButton(Node node) {
    for (Node n = node; n != null && n != this; n = n.getParent()) {
      if (n instanceof javafx.scene.control.ButtonBase) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void updateItem(ModelRow row, boolean empty) {
    ModelRow before = getItem();
    if (before != null) {
      before.expandedProperty().removeListener(expandedListener);
    }
    super.updateItem(row, empty);
    if (row != null && !empty) {
      row.expandedProperty().addListener(expandedListener);
    }
    showDetails();
  }

  /** The details of the current item when it is expanded, else null. */
  Region details() {
    return shownDetails;
  }

  private void showDetails() {
    ModelRow row = getItem();
    shownDetails = row != null && !isEmpty() && row.expandedProperty().get() ? details.apply(row) : null;
    if (getSkin() instanceof ExpandingSkin skin) {
      skin.setDetails(shownDetails);
    }
    requestLayout();
  }

  @Override
  protected Skin<?> createDefaultSkin() {
    return new ExpandingSkin(this);
  }

  /** The usual row skin, with the details laid out under the cells and counted in the row's height. */
  private static final class ExpandingSkin extends TableRowSkin<ModelRow> {
    private Region details;

    ExpandingSkin(ModelTableRow row) {
      super(row);
      setDetails(row.details());
    }

    void setDetails(Region next) {
      if (details != null) {
        getChildren().remove(details);
      }
      details = next;
      if (details != null) {
        getChildren().add(details);
      }
      getSkinnable().requestLayout();
    }

    private double detailsHeight(double width) {
      return details == null ? 0 : details.prefHeight(width) + 10;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
      return super.computePrefHeight(width, top, right, bottom, left) + detailsHeight(width);
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
      // The cells' list is rebuilt now and then (columns change): keep the details in it.
      if (details != null && !getChildren().contains(details)) {
        getChildren().add(details);
      }
      double extra = detailsHeight(w);
      super.layoutChildren(x, y, w, h - extra);
      if (details != null) {
        details.resizeRelocate(x + 28, y + h - extra + 2, Math.max(0, w - 36), extra - 10);
      }
    }
  }
}
