package dev.tars.desktop.actions;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A question answered in the conversation: a heading and one link per agenda item or note. */
public final class AnswerCardView {
  private final VBox root = new VBox(6);

  public AnswerCardView(AnswerCardViewModel viewModel, I18n i18n) {
    root.getStyleClass().addAll("assistant-card", "answer-card");
    root.setMaxWidth(Double.MAX_VALUE);
    Label heading = new Label(viewModel.heading());
    heading.getStyleClass().add("answer-card-heading");
    heading.setWrapText(true);
    HBox top = new HBox(8, Icons.icon(Icons.SEARCH, 14), heading);
    top.setAlignment(Pos.CENTER_LEFT);
    root.getChildren().add(top);
    if (viewModel.items().isEmpty()) {
      Label empty = new Label(viewModel.emptyText());
      empty.getStyleClass().add("answer-card-empty");
      empty.setWrapText(true);
      root.getChildren().add(empty);
    }
    for (AnswerCardViewModel.Item item : viewModel.items()) {
      Hyperlink link = new Hyperlink(item.title());
      link.getStyleClass().add("answer-card-link");
      link.setTooltip(new Tooltip(i18n.get("answer.open", item.title())));
      link.setOnAction(e -> viewModel.open(item));
      Label detail = new Label(item.detail());
      detail.getStyleClass().add("answer-card-detail");
      detail.setWrapText(true);
      VBox row = new VBox(0, link, detail);
      row.getStyleClass().add("answer-card-item");
      root.getChildren().add(row);
    }
  }

  public Node root() {
    return root;
  }
}
