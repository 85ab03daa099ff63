package dev.tars.desktop.voice;

import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.voice.PushToTalk;
import dev.tars.voice.recognition.Transcript;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;

/**
 * Push-to-talk for the chat input: while the key (or the mic button) is held, the words appear live in the input
 * box after whatever was already typed; on release the final text replaces the live guess and, if the setting is
 * on, the message is sent. UI thread only; voice callbacks arrive through the {@link UiDispatcher}.
 */
public final class VoiceInputViewModel {
  /** How often the level meter and the live text are redrawn. */
  static final Duration REDRAW_GAP = Duration.ofMillis(50);

  private final PushToTalk pushToTalk;
  private final I18n i18n;
  private final UiDispatcher ui;
  private final StringProperty input;
  private final Runnable send;
  private final BooleanSupplier sendOnRelease;

  private final ReadOnlyObjectWrapper<PushToTalk.State> state = new ReadOnlyObjectWrapper<>(PushToTalk.State.IDLE);
  private final ReadOnlyDoubleWrapper level = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final AtomicReference<Double> latestLevel = new AtomicReference<>(0.0);
  private final AtomicReference<String> latestPartial = new AtomicReference<>();
  private final Runnable redrawLevel;
  private final Runnable redrawPartial;
  private String typedBefore = "";
  private int turn;

  /**
   * @param input the chat input text; live and final text are written into it
   * @param send sends the input (used when {@code sendOnRelease} says so)
   */
  public VoiceInputViewModel(PushToTalk pushToTalk, UiDispatcher ui, StringProperty input, Runnable send,
      BooleanSupplier sendOnRelease, I18n i18n) {
    this.i18n = i18n;
    this.pushToTalk = pushToTalk;
    this.ui = ui;
    this.input = input;
    this.send = send;
    this.sendOnRelease = sendOnRelease;
    this.redrawLevel = ui.throttled(() -> level.set(state.get() == PushToTalk.State.IDLE ? 0 : latestLevel.get()),
        REDRAW_GAP);
    this.redrawPartial = ui.throttled(this::showPartial, REDRAW_GAP);
  }

  public ReadOnlyObjectProperty<PushToTalk.State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** Microphone loudness, 0..1, for the level meter. */
  public ReadOnlyDoubleProperty levelProperty() {
    return level.getReadOnlyProperty();
  }

  /** What went wrong with the last attempt (no microphone, no model), for the person; empty when fine. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public boolean isActive() {
    return state.get() != PushToTalk.State.IDLE;
  }

  /** The key or button went down. */
  public void press() {
    if (isActive()) {
      return;
    }
    int myTurn = ++turn;
    message.set("");
    String typed = input.get() == null ? "" : input.get();
    typedBefore = typed.isBlank() ? "" : typed.stripTrailing() + " ";
    latestPartial.set(null);
    state.set(PushToTalk.State.PREPARING);
    pushToTalk.press(new PushToTalk.Listener() {
      @Override
      public void onState(PushToTalk.State next) {
        ui.run(() -> {
          if (myTurn == turn && next != PushToTalk.State.IDLE) {
            state.set(next);
          }
        });
      }

      @Override
      public void onLevel(double value) {
        latestLevel.set(value);
        redrawLevel.run();
      }

      @Override
      public void onPartial(String textSoFar) {
        latestPartial.set(textSoFar);
        redrawPartial.run();
      }
    }).whenComplete((transcript, failure) -> ui.run(() -> finished(myTurn, transcript, failure)));
  }

  /** The key or button came up. */
  public void release() {
    if (isActive()) {
      pushToTalk.release();
    }
  }

  /** Esc while listening: drop what was said, put the typed text back. */
  public void cancel() {
    if (isActive()) {
      pushToTalk.cancel();
    }
  }

  private void showPartial() {
    String partial = latestPartial.get();
    if (partial != null && state.get() != PushToTalk.State.IDLE) {
      input.set(typedBefore + partial);
    }
  }

  private void finished(int myTurn, Transcript transcript, Throwable failure) {
    if (myTurn != turn) {
      return;
    }
    state.set(PushToTalk.State.IDLE);
    level.set(0);
    latestPartial.set(null);
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      input.set(typedBefore.stripTrailing());
      if (!(cause instanceof CancellationException)) {
        message.set(VoiceProblemText.of(cause, i18n, "voice.mic.failed"));
      }
      return;
    }
    String text = transcript.text();
    input.set(text.isBlank() ? typedBefore.stripTrailing() : typedBefore + capitalized(text));
    if (!text.isBlank() && sendOnRelease.getAsBoolean()) {
      send.run();
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
