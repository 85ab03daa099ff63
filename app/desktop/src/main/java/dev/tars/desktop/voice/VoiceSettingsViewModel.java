package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.voice.VoiceEngines;
import dev.tars.voice.audio.AudioDevices;
import dev.tars.voice.readaloud.ReadAloud;
import dev.tars.voice.readaloud.ReadAloudListener;
import dev.tars.voice.settings.VoiceSettings;
import dev.tars.voice.settings.VoiceSettings.RecognizerChoice;
import dev.tars.voice.synthesis.VoiceOptions;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings > Voice: engine, Vosk model, microphone, speaker, push-to-talk key, send-on-release, auto-read, voice,
 * rate and volume. Device and model lists are read once when the page opens (no model is loaded). UI thread only.
 */
public final class VoiceSettingsViewModel {
  private final Consumer<VoiceSettings> saver;
  private final ReadAloud readAloud;
  private final Predicate<String> validKey;

  private final ObjectProperty<RecognizerChoice> recognizer = new SimpleObjectProperty<>();
  private final ObservableList<String> voskModels = FXCollections.observableArrayList();
  private final StringProperty voskModel = new SimpleStringProperty("");
  private final ObservableList<String> microphones = FXCollections.observableArrayList();
  private final StringProperty microphone = new SimpleStringProperty("");
  private final ObservableList<String> speakers = FXCollections.observableArrayList();
  private final StringProperty speaker = new SimpleStringProperty("");
  private final StringProperty pushToTalkKey = new SimpleStringProperty("");
  private final BooleanProperty sendOnRelease = new SimpleBooleanProperty();
  private final BooleanProperty autoRead = new SimpleBooleanProperty();
  private final ObservableList<String> voices = FXCollections.observableArrayList();
  private final StringProperty voice = new SimpleStringProperty("");
  private final IntegerProperty rate = new SimpleIntegerProperty();
  private final DoubleProperty volume = new SimpleDoubleProperty();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  /**
   * @param validKey whether a push-to-talk key text is a key combination (the view's toolkit decides)
   */
  public VoiceSettingsViewModel(VoiceSettings current, VoiceEngines engines, ReadAloud readAloud, Consumer<VoiceSettings> saver, Predicate<String> validKey) {
    this.saver = saver;
    this.readAloud = readAloud;
    this.validKey = validKey;
    recognizer.set(current.recognizer());
    voskModels.setAll(engines.installedVoskModels().stream().map(Path::getFileName).map(Path::toString).toList());
    voskModel.set(current.voskModel());
    microphones.setAll(AudioDevices.microphones());
    microphone.set(current.microphone());
    speakers.setAll(AudioDevices.speakers());
    speaker.set(current.speaker());
    pushToTalkKey.set(current.pushToTalkKey());
    sendOnRelease.set(current.sendOnRelease());
    autoRead.set(current.autoRead());
    voices.setAll(FreeTtsSynthesizer.availableVoices());
    voice.set(current.voice().voice().isEmpty() ? voices.getFirst() : current.voice().voice());
    rate.set(current.voice().wordsPerMinute());
    volume.set(current.voice().volume());
  }

  public ObjectProperty<RecognizerChoice> recognizerProperty() {
    return recognizer;
  }

  public ObservableList<String> voskModels() {
    return voskModels;
  }

  public StringProperty voskModelProperty() {
    return voskModel;
  }

  public ObservableList<String> microphones() {
    return microphones;
  }

  public StringProperty microphoneProperty() {
    return microphone;
  }

  public ObservableList<String> speakers() {
    return speakers;
  }

  public StringProperty speakerProperty() {
    return speaker;
  }

  public StringProperty pushToTalkKeyProperty() {
    return pushToTalkKey;
  }

  public BooleanProperty sendOnReleaseProperty() {
    return sendOnRelease;
  }

  public BooleanProperty autoReadProperty() {
    return autoRead;
  }

  public ObservableList<String> voices() {
    return voices;
  }

  public StringProperty voiceProperty() {
    return voice;
  }

  public IntegerProperty rateProperty() {
    return rate;
  }

  public DoubleProperty volumeProperty() {
    return volume;
  }

  /** Why the settings could not be saved; empty when fine. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The settings as edited; throws {@link IllegalArgumentException} with the reason when invalid. */
  VoiceSettings edited() {
    String key = pushToTalkKey.get() == null ? "" : pushToTalkKey.get().strip();
    if (key.isEmpty() || !validKey.test(key)) {
      throw new IllegalArgumentException("badKey:" + key);
    }
    int wpm = Math.clamp(rate.get(), VoiceOptions.MIN_RATE, VoiceOptions.MAX_RATE);
    double vol = Math.clamp(volume.get(), 0.0, 1.0);
    return new VoiceSettings(recognizer.get(), nullToEmpty(voskModel.get()), nullToEmpty(microphone.get()),
        nullToEmpty(speaker.get()), key, sendOnRelease.get(), autoRead.get(),
        new VoiceOptions(nullToEmpty(voice.get()), wpm, vol));
  }

  /** Saves; returns false (and sets {@link #messageProperty()}) when the settings are invalid. */
  public boolean save(I18n texts) {
    try {
      VoiceSettings settings = edited();
      saver.accept(settings);
      message.set("");
      return true;
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      message.set(reason.startsWith("badKey:") ? texts.get("voice.settings.badKey", reason.substring(7)) : reason);
      return false;
    }
  }

  /** Speaks a sample sentence with the voice, rate and volume as currently edited. */
  public void testVoice(String sample) {
    VoiceOptions options = new VoiceOptions(nullToEmpty(voice.get()),
        Math.clamp(rate.get(), VoiceOptions.MIN_RATE, VoiceOptions.MAX_RATE), Math.clamp(volume.get(), 0.0, 1.0));
    readAloud.read(sample, ReadAloudListener.NONE, options);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
