package dev.tars.voice;

import dev.tars.concurrent.NamedThreads;
import dev.tars.voice.audio.AudioSource;
import dev.tars.voice.recognition.Listening;
import dev.tars.voice.recognition.ListeningListener;
import dev.tars.voice.recognition.ListeningPipeline;
import dev.tars.voice.recognition.SpeechRecognizer;
import dev.tars.voice.recognition.Transcript;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push-to-talk, free of any UI: {@link #press} when the key goes down, {@link #release} when it comes up. Every
 * method returns at once (loading the recognizer and opening the microphone happen on voice threads), so a UI can
 * call them on its own thread. Listeners are called on voice threads.
 */
public final class PushToTalk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushToTalk.class);

  /** What the microphone button shows. */
  public enum State {
    /** Ready; nothing captured. */
    IDLE,
    /** Loading the speech model or opening the microphone. */
    PREPARING,
    /** Capturing: the person is speaking. */
    LISTENING,
    /** Key released; recognizing the last words. */
    FINISHING
  }

  /** Hears level, partial text and state. */
  public interface Listener extends ListeningListener {
    default void onState(State state) {}
  }

  private final Supplier<SpeechRecognizer> recognizerLoader;
  private final Supplier<AudioSource> microphones;
  private final ListeningPipeline pipeline = new ListeningPipeline();
  private final ExecutorService control = Executors.newSingleThreadExecutor(NamedThreads.named("voice-control"));
  private CompletableFuture<SpeechRecognizer> recognizer;
  private Turn turn;

  /**
   * @param recognizerLoader loads the recognizer (e.g. {@code () -> engines.openRecognizer(settings)}); called once,
   *     and again after a failure
   * @param microphones opens the capture source for one utterance (e.g. {@code () -> MicrophoneSource.open(name)})
   */
  public PushToTalk(Supplier<SpeechRecognizer> recognizerLoader, Supplier<AudioSource> microphones) {
    this.recognizerLoader = recognizerLoader;
    this.microphones = microphones;
  }

  /** Starts loading the recognizer now, so the first press is quick. */
  public synchronized CompletableFuture<SpeechRecognizer> prepare() {
    if (recognizer == null || recognizer.isCompletedExceptionally()) {
      recognizer = CompletableFuture.supplyAsync(recognizerLoader, control);
    }
    return recognizer;
  }

  /**
   * The key went down: start listening. The future completes with the transcript after {@link #release}, or
   * exceptionally with a {@link VoiceException} saying what is wrong (no microphone, no model).
   */
  public synchronized CompletableFuture<Transcript> press(Listener listener) {
    if (turn != null && !turn.result.isDone()) {
      return turn.result;
    }
    Turn next = new Turn(listener);
    turn = next;
    listener.onState(State.PREPARING);
    CompletableFuture<SpeechRecognizer> loading = prepare();
    loading.whenCompleteAsync((engine, failure) -> next.begin(engine, failure), control);
    next.result.whenComplete((transcript, failure) -> listener.onState(State.IDLE));
    return next.result;
  }

  /** The key came up: finish recognizing what was said. */
  public synchronized void release() {
    if (turn != null) {
      turn.release();
    }
  }

  /** Abandons the current utterance (Esc). */
  public synchronized void cancel() {
    if (turn != null) {
      turn.cancel();
    }
  }

  @Override
  public void close() {
    cancel();
    control.shutdown();
    try {
      if (!control.awaitTermination(3, TimeUnit.SECONDS)) {
        control.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pipeline.close();
    CompletableFuture<SpeechRecognizer> loaded = recognizer;
    if (loaded != null && loaded.isDone() && !loaded.isCompletedExceptionally()) {
      loaded.join().close();
    }
  }

  private final class Turn {
    private final Listener listener;
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private Listening listening;
    private boolean released;
    private boolean cancelled;

    Turn(Listener listener) {
      this.listener = listener;
    }

    void begin(SpeechRecognizer engine, Throwable failure) {
      synchronized (this) {
        if (cancelled) {
          result.cancel(false);
          return;
        }
      }
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (!(cause instanceof VoiceException)) {
          LOG.error("Loading the speech recognizer failed", cause);
          cause = new VoiceException("Speech input could not start; see the log for details.", cause);
        }
        result.completeExceptionally(cause);
        return;
      }
      AudioSource source;
      try {
        source = microphones.get();
      } catch (VoiceException e) {
        result.completeExceptionally(e);
        return;
      } catch (RuntimeException e) {
        LOG.error("Opening the microphone failed", e);
        result.completeExceptionally(new VoiceException("The microphone could not be opened; see the log.", e));
        return;
      }
      Listening started;
      try {
        started = pipeline.start(source, engine, listener);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      boolean stopNow;
      synchronized (this) {
        listening = started;
        stopNow = released || cancelled;
      }
      if (cancelled) {
        started.cancel();
      } else if (stopNow) {
        listener.onState(State.FINISHING);
        started.stop();
      } else {
        listener.onState(State.LISTENING);
      }
      started.result().whenComplete((transcript, error) -> {
        if (error == null) {
          result.complete(transcript);
        } else {
          result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
              ? error.getCause() : error);
        }
      });
    }

    synchronized void release() {
      if (released) {
        return;
      }
      released = true;
      if (listening != null) {
        listener.onState(State.FINISHING);
        listening.stop();
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (listening != null) {
        listening.cancel();
      }
      result.completeExceptionally(new CancellationException("Speech input cancelled"));
    }
  }
}
