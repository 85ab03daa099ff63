package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Icons;
import java.util.function.Supplier;
import javafx.scene.control.Button;

/** The "Read aloud" action on an answer; turns into "Stop reading" while that answer is being read. */
public final class SpeakerButton {
  static final String SPEAKER = "M3 9v6h4l5 5V4L7 9H3zm13.5 3c0-1.77-1.02-3.29-2.5-4.03v8.05c1.48-.73 2.5-2.25 2.5-4.02z";
  static final String STOP = "M6 6h12v12H6z";

  private SpeakerButton() {}

  /**
   * @param key identifies the answer (e.g. its message item)
   * @param text the answer's text at the time the button is pressed
   */
  public static Button forAnswer(Object key, Supplier<String> text, ReadAloudViewModel viewModel, I18n texts) {
    Button button = new Button();
    button.getStyleClass().addAll("flat", "small", "message-action", "speaker-button");
    Runnable show = () -> {
      boolean reading = key.equals(viewModel.speakingProperty().get());
      button.setText(texts.get(reading ? "voice.speaker.stop" : "voice.speaker.read"));
      button.setGraphic(Icons.icon(reading ? STOP : SPEAKER, 13));
    };
    viewModel.speakingProperty().addListener((obs, old, now) -> show.run());
    show.run();
    button.setOnAction(e -> viewModel.toggle(key, text.get()));
    return button;
  }
}
