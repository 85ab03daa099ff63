package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.voice.VoiceException;
import dev.tars.voice.readaloud.ReadAloud;
import dev.tars.voice.readaloud.ReadAloudListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Read-aloud for the chat: the speaker button on an answer, and auto-read of an answer as it streams (the first
 * sentence is spoken while the rest is still being written). UI thread only.
 */
public final class ReadAloudViewModel {
  private final ReadAloud readAloud;
  private final UiDispatcher ui;
  private final I18n i18n;
  private final BooleanProperty autoRead = new SimpleBooleanProperty();
  private final ReadOnlyObjectWrapper<Object> speaking = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private ReadAloud.Reading following;
  private Object followedKey;
  private int followedLength;

  public ReadAloudViewModel(ReadAloud readAloud, UiDispatcher ui, boolean autoReadInitially, I18n i18n) {
    this.readAloud = readAloud;
    this.ui = ui;
    this.i18n = i18n;
    this.autoRead.set(autoReadInitially);
  }

  /** Read every answer aloud as it streams. */
  public BooleanProperty autoReadProperty() {
    return autoRead;
  }

  /** The key of the answer being read (what {@link #toggle} or {@link #streamStarted} was given), or null. */
  public ReadOnlyObjectProperty<Object> speakingProperty() {
    return speaking.getReadOnlyProperty();
  }

  /** Why reading aloud failed (no speaker), for the person; empty when fine. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The speaker button on an answer: reads it, or stops if it is the one being read. */
  public void toggle(Object key, String text) {
    if (key.equals(speaking.get())) {
      stop();
      return;
    }
    if (text == null || text.isBlank()) {
      return;
    }
    following = null;
    speaking.set(key);
    message.set("");
    readAloud.read(text, listenerFor(key));
  }

  /** Esc or the stop button. */
  public void stop() {
    readAloud.stop();
    following = null;
    speaking.set(null);
  }

  /** An answer started streaming; with auto-read on, reading starts with its first sentence. */
  public void streamStarted(Object key) {
    if (!autoRead.get()) {
      return;
    }
    message.set("");
    speaking.set(key);
    followedKey = key;
    followedLength = 0;
    following = readAloud.begin(listenerFor(key));
  }

  /** The streaming answer now reads {@code textSoFar}; only what is new is passed on. */
  public void streamed(Object key, String textSoFar) {
    if (following == null || !key.equals(followedKey) || textSoFar.length() < followedLength) {
      return;
    }
    following.append(textSoFar.substring(followedLength));
    followedLength = textSoFar.length();
  }

  /** The answer is complete (or was stopped): speak what is left. */
  public void streamEnded(Object key) {
    if (following != null && key.equals(followedKey)) {
      following.complete();
      following = null;
    }
  }

  private ReadAloudListener listenerFor(Object key) {
    return new ReadAloudListener() {
      @Override
      public void onFinished(boolean stopped) {
        ui.run(() -> {
          if (key.equals(speaking.get())) {
            speaking.set(null);
          }
        });
      }

      @Override
      public void onError(VoiceException e) {
        ui.run(() -> {
          message.set(VoiceProblemText.of(e, i18n, "voice.readAloud.failed"));
          if (key.equals(speaking.get())) {
            speaking.set(null);
          }
        });
      }
    };
  }
}
