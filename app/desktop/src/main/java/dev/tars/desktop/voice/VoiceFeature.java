package dev.tars.desktop.voice;

import dev.tars.desktop.feature.ChatHooks;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.runtime.VoiceSystem;
import dev.tars.voice.settings.VoiceSettings;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;

/**
 * Voice in the window, over the runtime's {@link VoiceSystem}: push-to-talk into the chat input, read-aloud of
 * answers (the speaker button and auto-read), the push-to-talk key and Settings → Voice. It meets the chat only
 * through {@link ChatHooks}. Nothing here loads a model on the UI thread; a missing microphone, speaker or model
 * shows up as a message beside the mic button or the answer, and the rest of the app is unaffected.
 */
public final class VoiceFeature implements AutoCloseable {
  private final VoiceSystem voice;
  private final UiDispatcher ui;
  private final I18n texts;
  private final ReadAloudViewModel readAloudViewModel;
  private PushToTalkKeys keys;
  private VoiceInputViewModel input;

  public VoiceFeature(VoiceSystem voice, UiDispatcher ui, I18n texts) {
    this.voice = voice;
    this.ui = ui;
    this.texts = texts;
    this.readAloudViewModel = new ReadAloudViewModel(voice.readAloud(), ui, voice.settings().autoRead(), texts);
    readAloudViewModel.autoReadProperty().addListener((obs, old, now) -> save(voice.settings().withAutoRead(now)));
  }

  /**
   * The mic button in the composer, "Read aloud" under each answer, auto-read, the push-to-talk key and Esc, and
   * the Settings → Voice section (through {@code addSettingsSection}).
   */
  public void attach(ChatHooks chat, Scene scene, BiConsumer<String, Supplier<Node>> addSettingsSection) {
    input = new VoiceInputViewModel(voice.pushToTalk(), ui, chat.input(), chat::send,
        () -> voice.settings().sendOnRelease(), texts);
    chat.addComposerTool(new VoiceInputView(input, texts, voice.settings().pushToTalkKey()).root());
    chat.setAnswerAction(answer -> SpeakerButton.forAnswer(answer, answer::content, readAloudViewModel, texts));
    ChatReadAloud.attach(chat, readAloudViewModel);
    scene.getStylesheets().add(stylesheet());
    keys = PushToTalkKeys.install(scene, voice.settings().pushToTalkKey(), input, readAloudViewModel);
    addSettingsSection.accept(texts.get("voice.title"), () -> {
      Button settings = new Button(texts.get("voice.settings"));
      settings.setOnAction(e -> new VoiceSettingsView(settingsViewModel(), texts).show(scene.getWindow()));
      Label hint = new Label(texts.get("voice.settings.hint"));
      hint.getStyleClass().add("settings-hint");
      return new VBox(8, hint, settings);
    });
  }

  /** The voice stylesheet, for a scene that shows voice controls. */
  public static String stylesheet() {
    return Objects.requireNonNull(VoiceFeature.class.getResource("voice.css"), "voice.css").toExternalForm();
  }

  /** Settings → Voice. */
  VoiceSettingsViewModel settingsViewModel() {
    return new VoiceSettingsViewModel(voice.settings(), voice.engines(), voice.readAloud(), this::save,
        VoiceFeature::isKeyCombination);
  }

  static boolean isKeyCombination(String text) {
    try {
      KeyCombination.valueOf(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void save(VoiceSettings changed) {
    VoiceSettings before = voice.settings();
    voice.save(changed);
    readAloudViewModel.autoReadProperty().set(changed.autoRead());
    if (keys != null && !changed.pushToTalkKey().equals(before.pushToTalkKey())) {
      Scene scene = keys.scene();
      keys.uninstall();
      keys = PushToTalkKeys.install(scene, changed.pushToTalkKey(), input, readAloudViewModel);
    }
  }

  /** Stops reading aloud when the window goes; the runtime closes the voice system itself. */
  @Override
  public void close() {
    readAloudViewModel.stop();
  }
}
