package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import dev.tars.voice.PushToTalk;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;

/**
 * The microphone button with its level meter and listening state, for the chat composer. Hold the button (or the
 * push-to-talk key) to talk.
 */
public final class VoiceInputView {
  static final String MIC =
      "M12 14c1.66 0 3-1.34 3-3V5c0-1.66-1.34-3-3-3S9 3.34 9 5v6c0 1.66 1.34 3 3 3zm5-3c0 2.76-2.24 5-5 5s-5-2.24"
          + "-5-5H5c0 3.53 2.61 6.43 6 6.92V21h2v-3.08c3.39-.49 6-3.39 6-6.92h-2z";

  private final HBox root = new HBox(6);
  private final Button micButton = new Button();
  private final ProgressBar meter = new ProgressBar(0);
  private final Label stateLabel = new Label();

  public VoiceInputView(VoiceInputViewModel viewModel, I18n texts, String pushToTalkKey) {
    micButton.setGraphic(Icons.icon(MIC, 16));
    micButton.getStyleClass().addAll("button-icon", "mic-button");
    micButton.setId("mic-button");
    micButton.setTooltip(new Tooltip(texts.get("voice.mic.tooltip", pushToTalkKey)));
    micButton.setFocusTraversable(false);
    micButton.setOnMousePressed(e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        viewModel.press();
      }
    });
    micButton.setOnMouseReleased(e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        viewModel.release();
      }
    });

    meter.getStyleClass().add("voice-level");
    meter.setId("voice-level");
    meter.setPrefWidth(70);
    meter.setPrefHeight(8);
    meter.progressProperty().bind(viewModel.levelProperty());

    stateLabel.getStyleClass().add("voice-state");
    stateLabel.setId("voice-state");
    stateLabel.textProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.stateProperty().get()) {
      case PREPARING -> texts.get("voice.mic.preparing");
      case LISTENING -> texts.get("voice.mic.listening");
      case FINISHING -> texts.get("voice.mic.finishing");
      case IDLE -> viewModel.messageProperty().get();
    }, viewModel.stateProperty(), viewModel.messageProperty()));
    stateLabel.setWrapText(true);
    stateLabel.setMaxWidth(420);

    var active = viewModel.stateProperty().isNotEqualTo(PushToTalk.State.IDLE);
    meter.visibleProperty().bind(active);
    meter.managedProperty().bind(active);
    stateLabel.visibleProperty().bind(stateLabel.textProperty().isNotEmpty());
    stateLabel.managedProperty().bind(stateLabel.visibleProperty());
    viewModel.stateProperty().addListener((obs, old, now) -> {
      micButton.getStyleClass().removeAll("listening", "accent");
      if (now == PushToTalk.State.LISTENING) {
        micButton.getStyleClass().addAll("listening", "accent");
      }
    });
    viewModel.messageProperty().addListener((obs, old, now) -> {
      stateLabel.getStyleClass().remove("voice-error");
      if (!now.isEmpty()) {
        stateLabel.getStyleClass().add("voice-error");
      }
    });

    root.setAlignment(Pos.CENTER_LEFT);
    root.getStyleClass().add("voice-input");
    root.getChildren().addAll(micButton, meter, stateLabel);
  }

  public HBox root() {
    return root;
  }

  public Button micButton() {
    return micButton;
  }
}
