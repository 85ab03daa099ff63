package dev.tars.desktop.chat;

import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Spinners;
import java.util.ArrayList;
import java.util.List;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The per-conversation settings dialog: title, system prompt, temperature, top-p, max tokens. */
public final class ConversationSettingsView {
  private final ConversationSettingsViewModel viewModel;
  private final I18n i18n;
  private final Parent root;
  private final List<Object> bindings = new ArrayList<>();

  @FXML private TextField titleField;
  @FXML private TextArea systemPrompt;
  @FXML private Spinner<Double> temperature;
  @FXML private Spinner<Double> topP;
  @FXML private Spinner<Integer> maxTokens;
  @FXML private Label error;

  ConversationSettingsView(ConversationSettingsViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.root = Fxml.load(this, i18n);
  }

  @FXML
  private void initialize() {
    titleField.textProperty().bindBidirectional(viewModel.titleProperty());
    systemPrompt.textProperty().bindBidirectional(viewModel.sampling().systemPromptProperty());
    systemPrompt.setPromptText(i18n.get("conversationSettings.noSystemPrompt"));
    bindings.add(Spinners.bindDouble(temperature, viewModel.sampling().temperatureProperty(), 0, 2, 0.05));
    bindings.add(Spinners.bindDouble(topP, viewModel.sampling().topPProperty(), 0.01, 1, 0.01));
    bindings.add(Spinners.bindInt(maxTokens, viewModel.sampling().maxTokensProperty(), 1, 1 << 20, 64));
    error.textProperty().bind(viewModel.errorProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    root.disableProperty().bind(viewModel.loadedProperty().not());
  }

  void show(Window owner) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.initModality(Modality.WINDOW_MODAL);
    dialog.setTitle(i18n.get("conversationSettings.dialogTitle"));
    dialog.getDialogPane().setContent(root);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
    ok.setText(i18n.get("action.save"));
    ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setText(i18n.get("action.cancel"));
    ok.addEventFilter(ActionEvent.ACTION, e -> {
      temperature.commitValue();
      topP.commitValue();
      maxTokens.commitValue();
      if (!viewModel.save()) {
        e.consume();
      }
    });
    dialog.show();
  }
}
