package dev.tars.desktop.knowledge;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** In the chat's input row: the "answer from documents" switch and the collections it answers from. */
public final class DocumentAnswersView {
  private final DocumentAnswersViewModel viewModel;
  private final I18n i18n;
  private final ToggleButton toggle = new ToggleButton();
  private final MenuButton chooser = new MenuButton();
  private final HBox root = new HBox(0, toggle, chooser);

  public DocumentAnswersView(DocumentAnswersViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    root.setAlignment(Pos.CENTER);
    root.getStyleClass().add("documents-answer");

    toggle.setId("documentsToggle");
    toggle.setText(i18n.get("chat.documents"));
    toggle.setGraphic(Icons.icon(Icons.BOOK, 14));
    toggle.getStyleClass().addAll("documents-toggle", "left-pill");
    toggle.setTooltip(new Tooltip(i18n.get("chat.documents.tooltip")));
    toggle.setSelected(viewModel.enabledProperty().get());
    viewModel.enabledProperty().addListener((obs, old, now) -> toggle.setSelected(now));
    toggle.setOnAction(e -> viewModel.setEnabled(toggle.isSelected()));

    chooser.setId("documentsChooser");
    chooser.getStyleClass().addAll("documents-chooser", "right-pill");
    chooser.setTooltip(new Tooltip(i18n.get("chat.documents.collections")));
    chooser.textProperty().bind(viewModel.summaryProperty());
    chooser.setMaxWidth(170);
    toggle.setMinWidth(Region.USE_PREF_SIZE);
    chooser.setOnShowing(e -> viewModel.refreshCollections());
    viewModel.collections().addListener((ListChangeListener<DocumentAnswersViewModel.CollectionOption>) c -> fillMenu());
    viewModel.selected().addListener((ListChangeListener<Long>) c -> fillMenu());
    viewModel.notesProperty().addListener((obs, old, now) -> fillMenu());
    fillMenu();
    viewModel.refreshCollections();
  }

  public Node root() {
    return root;
  }

  private void fillMenu() {
    chooser.getItems().clear();
    CheckMenuItem all = new CheckMenuItem(i18n.get("chat.documents.all"));
    all.setSelected(viewModel.selected().isEmpty());
    all.setOnAction(e -> viewModel.selectAll());
    chooser.getItems().add(all);
    if (viewModel.collections().isEmpty()) {
      MenuItem none = new MenuItem(i18n.get("chat.documents.none"));
      none.setDisable(true);
      chooser.getItems().add(none);
    } else {
      chooser.getItems().add(new SeparatorMenuItem());
      for (DocumentAnswersViewModel.CollectionOption option : viewModel.collections()) {
        CheckMenuItem item = new CheckMenuItem(option.name() + "  (" + option.documents() + ")");
        item.setSelected(viewModel.selected().contains(option.id()));
        item.setOnAction(e -> viewModel.setSelected(option.id(), item.isSelected()));
        chooser.getItems().add(item);
      }
    }
    if (viewModel.notesAvailable()) {
      chooser.getItems().add(new SeparatorMenuItem());
      CheckMenuItem notes = new CheckMenuItem(i18n.get("chat.documents.notes"));
      notes.setId("notesSource");
      notes.setSelected(viewModel.notesProperty().get());
      notes.setOnAction(e -> viewModel.setNotes(notes.isSelected()));
      chooser.getItems().add(notes);
    }
  }
}
