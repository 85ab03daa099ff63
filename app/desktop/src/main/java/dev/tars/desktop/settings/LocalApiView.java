package dev.tars.desktop.settings;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.SectionGrid;
import dev.tars.desktop.fx.SettingsSection;
import dev.tars.desktop.fx.Spinners;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The "Local API server" section of the Settings page. */
public final class LocalApiView extends SettingsSection {
  private final LocalApiViewModel viewModel;
  private final I18n i18n;
  private Object portBinding;

  public LocalApiView(LocalApiViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
  }

  @Override
  protected Node build() {
    Label hint = hint(i18n.get("localApi.hint"));
    CheckBox enabled = new CheckBox(i18n.get("localApi.enabled"));
    enabled.setId("localApiEnabled");
    enabled.selectedProperty().bindBidirectional(viewModel.enabledProperty());

    GridPane grid = SectionGrid.create();

    Spinner<Integer> port = new Spinner<>();
    port.setEditable(true);
    port.setPrefWidth(120);
    portBinding = Spinners.bindInt(port, viewModel.portProperty(), 0, 65535, 1);
    Button applyPort = new Button(i18n.get("localApi.applyPort"));
    applyPort.visibleProperty().bind(viewModel.portChangedProperty());
    applyPort.setOnAction(e -> {
      port.commitValue();
      viewModel.applyPort();
    });
    HBox portRow = new HBox(8, port, applyPort);
    portRow.setAlignment(Pos.CENTER_LEFT);
    grid.addRow(0, new Label(i18n.get("localApi.port")), portRow);
    grid.add(hint(i18n.get("localApi.portHint")), 1, 1);

    TextField origins = new TextField();
    origins.setId("localApiOrigins");
    origins.setPromptText(i18n.get("localApi.originsPrompt"));
    origins.textProperty().bindBidirectional(viewModel.originsProperty());
    origins.setOnAction(e -> viewModel.applyPort());
    grid.addRow(2, new Label(i18n.get("localApi.origins")), origins);
    grid.add(hint(i18n.get("localApi.originsHint")), 1, 3);

    TextField key = new TextField();
    key.setId("localApiKey");
    key.setEditable(false);
    key.textProperty().bind(viewModel.keyProperty());
    HBox.setHgrow(key, Priority.ALWAYS);
    Button copy = new Button(i18n.get("action.copy"));
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(viewModel.keyProperty().get());
      Clipboard.getSystemClipboard().setContent(content);
      copy.setText(i18n.get("action.copied"));
    });
    key.textProperty().addListener((obs, old, now) -> copy.setText(i18n.get("action.copy")));
    copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox keyRow = new HBox(8, key, copy);
    keyRow.setAlignment(Pos.CENTER_LEFT);
    grid.addRow(4, new Label(i18n.get("localApi.key")), keyRow);

    CheckBox allowActions = new CheckBox(i18n.get("localApi.allowActions"));
    allowActions.setId("localApiAllowActions");
    allowActions.selectedProperty().bindBidirectional(viewModel.allowActionsProperty());
    Label allowActionsHint = new Label(i18n.get("localApi.allowActionsHint"));
    allowActionsHint.getStyleClass().add("settings-hint");
    allowActionsHint.setWrapText(true);
    VBox actions = new VBox(4, allowActions, allowActionsHint);

    Label status = statusLine(viewModel.statusProperty(), viewModel.failedProperty());
    status.setId("localApiStatus");

    viewModel.load();
    return new VBox(10, hint, enabled, grid, actions, status);
  }
}
