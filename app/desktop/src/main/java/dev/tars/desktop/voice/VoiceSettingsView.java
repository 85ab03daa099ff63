package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.voice.settings.VoiceSettings.RecognizerChoice;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Settings > Voice, as a dialog. Saving goes through {@link VoiceSettingsViewModel#save}. */
public final class VoiceSettingsView {
  private final VoiceSettingsViewModel viewModel;
  private final I18n texts;
  private final Dialog<ButtonType> dialog = new Dialog<>();

  public VoiceSettingsView(VoiceSettingsViewModel viewModel, I18n texts) {
    this.viewModel = viewModel;
    this.texts = texts;
    build();
  }

  private void build() {
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(10);
    grid.getStyleClass().add("voice-settings");
    int row = 0;

    ComboBox<RecognizerChoice> recognizer = new ComboBox<>();
    recognizer.getItems().setAll(RecognizerChoice.values());
    recognizer.setCellFactory(list -> new ChoiceCell<>());
    recognizer.setButtonCell(new ChoiceCell<>());
    recognizer.valueProperty().bindBidirectional(viewModel.recognizerProperty());
    grid.addRow(row++, new Label(texts.get("voice.settings.recognizer")), recognizer);

    ComboBox<String> vosk = deviceBox(viewModel.voskModels(), viewModel.voskModelProperty(), "");
    if (viewModel.voskModels().isEmpty()) {
      vosk.setPromptText(texts.get("voice.settings.voskModel.none"));
      vosk.setDisable(true);
    }
    grid.addRow(row++, new Label(texts.get("voice.settings.voskModel")), vosk);
    grid.addRow(row++, new Label(texts.get("voice.settings.microphone")),
        deviceBox(viewModel.microphones(), viewModel.microphoneProperty(), texts.get("voice.settings.device.default")));
    grid.addRow(row++, new Label(texts.get("voice.settings.speaker")),
        deviceBox(viewModel.speakers(), viewModel.speakerProperty(), texts.get("voice.settings.device.default")));

    TextField key = new TextField();
    key.textProperty().bindBidirectional(viewModel.pushToTalkKeyProperty());
    grid.addRow(row++, new Label(texts.get("voice.settings.pushToTalk")), key);

    CheckBox send = new CheckBox(texts.get("voice.settings.sendOnRelease"));
    send.selectedProperty().bindBidirectional(viewModel.sendOnReleaseProperty());
    grid.add(send, 1, row++);
    CheckBox autoRead = new CheckBox(texts.get("voice.settings.autoRead"));
    autoRead.selectedProperty().bindBidirectional(viewModel.autoReadProperty());
    grid.add(autoRead, 1, row++);

    ComboBox<String> voice = new ComboBox<>(viewModel.voices());
    voice.valueProperty().bindBidirectional(viewModel.voiceProperty());
    grid.addRow(row++, new Label(texts.get("voice.settings.voice")), voice);

    Spinner<Integer> rate = new Spinner<>(80, 300, viewModel.rateProperty().get(), 10);
    rate.setEditable(true);
    rate.valueProperty().addListener((obs, old, now) -> viewModel.rateProperty().set(now));
    grid.addRow(row++, new Label(texts.get("voice.settings.rate")), rate);

    Slider volume = new Slider(0, 1, viewModel.volumeProperty().get());
    volume.valueProperty().bindBidirectional(viewModel.volumeProperty());
    grid.addRow(row++, new Label(texts.get("voice.settings.volume")), volume);

    Button test = new Button(texts.get("voice.settings.test"));
    test.setOnAction(e -> viewModel.testVoice(texts.get("voice.settings.test.sample")));
    grid.add(test, 1, row++);

    Label message = new Label();
    message.getStyleClass().add("voice-error");
    message.setWrapText(true);
    message.textProperty().bind(viewModel.messageProperty());

    dialog.setTitle(texts.get("voice.settings.title"));
    dialog.getDialogPane().setContent(new VBox(12, grid, message));
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
    ok.addEventFilter(ActionEvent.ACTION, e -> {
      if (!viewModel.save(texts)) {
        e.consume();
      }
    });
  }

  private static ComboBox<String> deviceBox(ObservableList<String> items, StringProperty value, String defaultLabel) {
    ComboBox<String> box = new ComboBox<>();
    box.getItems().add("");
    box.getItems().addAll(items);
    box.setCellFactory(list -> new DeviceCell(defaultLabel));
    box.setButtonCell(new DeviceCell(defaultLabel));
    box.valueProperty().bindBidirectional(value);
    return box;
  }

  public void show(Window owner) {
    dialog.initOwner(owner);
    dialog.showAndWait();
  }

  private final class ChoiceCell<T extends Enum<T>> extends ListCell<T> {
    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? "" : texts.get("voice.settings.recognizer." + item.name()));
    }
  }

  private static final class DeviceCell extends ListCell<String> {
    private final String defaultLabel;

    DeviceCell(String defaultLabel) {
      this.defaultLabel = defaultLabel;
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? "" : item.isEmpty() ? defaultLabel : item);
    }
  }
}
