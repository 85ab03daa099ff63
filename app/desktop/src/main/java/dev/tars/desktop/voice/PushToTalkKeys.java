package dev.tars.desktop.voice;

import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The push-to-talk key for a whole window: held down starts listening (key repeat is ignored), released
 * finishes. Esc cancels listening, or else stops reading aloud (and is left for the chat to stop an answer too).
 */
public final class PushToTalkKeys {
  private final KeyCombination combination;
  private final VoiceInputViewModel input;
  private final ReadAloudViewModel readAloud;
  private final EventHandler<KeyEvent> onPressed = this::pressed;
  private final EventHandler<KeyEvent> onReleased = this::released;
  private Scene scene;

  private PushToTalkKeys(KeyCombination combination, VoiceInputViewModel input, ReadAloudViewModel readAloud) {
    this.combination = combination;
    this.input = input;
    this.readAloud = readAloud;
  }

  /**
   * Listens on {@code scene}.
   *
   * @param key e.g. {@code Ctrl+Space} ({@link KeyCombination#valueOf} syntax)
   * @throws IllegalArgumentException if {@code key} is not a key combination
   */
  public static PushToTalkKeys install(Scene scene, String key, VoiceInputViewModel input,
      ReadAloudViewModel readAloud) {
    PushToTalkKeys keys = new PushToTalkKeys(KeyCombination.valueOf(key), input, readAloud);
    keys.scene = scene;
    scene.addEventFilter(KeyEvent.KEY_PRESSED, keys.onPressed);
    scene.addEventFilter(KeyEvent.KEY_RELEASED, keys.onReleased);
    return keys;
  }

  Scene scene() {
    return scene;
  }

  /** Stops listening to the window (e.g. before installing a changed key). */
  public void uninstall() {
    scene.removeEventFilter(KeyEvent.KEY_PRESSED, onPressed);
    scene.removeEventFilter(KeyEvent.KEY_RELEASED, onReleased);
  }

  private void pressed(KeyEvent event) {
    if (combination.match(event)) {
      event.consume();
      if (!input.isActive()) {
        input.press();
      }
    } else if (event.getCode() == KeyCode.ESCAPE) {
      if (input.isActive()) {
        input.cancel();
        event.consume();
      } else {
        readAloud.stop();
      }
    }
  }

  private void released(KeyEvent event) {
    if (!input.isActive()) {
      return;
    }
    // Letting go of either the main key or a modifier of the combination ends the utterance.
    if (event.getCode() == mainKey() || event.getCode().isModifierKey()) {
      event.consume();
      input.release();
    }
  }

  private KeyCode mainKey() {
    return combination instanceof KeyCodeCombination codes ? codes.getCode() : KeyCode.SPACE;
  }
}
