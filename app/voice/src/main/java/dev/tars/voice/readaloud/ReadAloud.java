package dev.tars.voice.readaloud;

import dev.tars.concurrent.NamedThreads;
import dev.tars.voice.VoiceException;
import dev.tars.voice.audio.AudioOutput;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import dev.tars.voice.synthesis.VoiceOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads answers aloud sentence by sentence, starting with the first sentence while the rest is still streaming.
 * One reading at a time: starting another (or {@link #stop()}) silences the current one at once. Synthesis and
 * playback run on one named speaking thread; every method here returns immediately and may be called from any
 * thread, including the UI thread.
 */
public final class ReadAloud implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadAloud.class);
  private static final Object END = new Object();

  private final SpeechSynthesizer synthesizer;
  private final Supplier<AudioOutput> outputs;
  private final ExecutorService speaking = Executors.newSingleThreadExecutor(NamedThreads.named("voice-speak"));
  private volatile VoiceOptions options;
  private volatile AudioOutput output;
  private Reading current;

  /**
   * @param outputs opens the speaker when the first reading starts (e.g. {@code () -> SpeakerOutput.open(name)});
   *     the output is kept open for later readings and closed by {@link #close()}
   */
  public ReadAloud(SpeechSynthesizer synthesizer, Supplier<AudioOutput> outputs, VoiceOptions options) {
    this.synthesizer = synthesizer;
    this.outputs = outputs;
    this.options = options;
  }

  public void setOptions(VoiceOptions value) {
    options = value;
  }

  /** Starts a new reading fed by {@link Reading#append}; stops any reading in progress. */
  public Reading begin(ReadAloudListener listener) {
    return begin(listener, options);
  }

  /** Like {@link #begin(ReadAloudListener)} with other options for this reading only (Settings' "Test voice"). */
  public synchronized Reading begin(ReadAloudListener listener, VoiceOptions readingOptions) {
    stop();
    Reading reading = new Reading(listener, readingOptions);
    current = reading;
    speaking.execute(reading::speak);
    return reading;
  }

  /** Reads a whole text (the speaker button on an answer). */
  public Reading read(String text, ReadAloudListener listener) {
    return read(text, listener, options);
  }

  /** Reads a whole text with other options for this reading only. */
  public Reading read(String text, ReadAloudListener listener, VoiceOptions readingOptions) {
    Reading reading = begin(listener, readingOptions);
    reading.append(text);
    reading.complete();
    return reading;
  }

  /** Silences whatever is being read (Esc, or the stop button). */
  public synchronized void stop() {
    if (current != null) {
      current.stop();
      current = null;
    }
  }

  private AudioOutput output() {
    if (output == null) {
      output = outputs.get();
    }
    return output;
  }

  @Override
  public void close() {
    stop();
    speaking.shutdown();
    try {
      if (!speaking.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.warn("Read-aloud still busy after 3 s; abandoning it");
        speaking.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (output != null) {
      output.close();
    }
  }

  /** One answer being read. {@link #append} and {@link #complete} are meant for the thread that streams tokens. */
  public final class Reading {
    private final ReadAloudListener listener;
    private final VoiceOptions readingOptions;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final BlockingQueue<Object> sentences = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private boolean heardAudio;

    private Reading(ReadAloudListener listener, VoiceOptions readingOptions) {
      this.listener = listener;
      this.readingOptions = readingOptions;
    }

    /** Adds streamed answer text; complete sentences are queued for speaking. */
    public synchronized void append(String delta) {
      if (!stopped) {
        sentences.addAll(splitter.append(delta));
      }
    }

    /** The answer is complete: speak what is left, then finish. */
    public synchronized void complete() {
      if (!stopped) {
        sentences.addAll(splitter.finish());
      }
      sentences.add(END);
    }

    public void stop() {
      if (!stopped) {
        stopped = true;
        sentences.clear();
        sentences.add(END);
        AudioOutput open = output;
        if (open != null) {
          open.stopNow();
        }
      }
    }

    public boolean isStopped() {
      return stopped;
    }

    private void speak() {
      try {
        while (!stopped) {
          Object next = sentences.take();
          if (next == END || stopped) {
            break;
          }
          String sentence = (String) next;
          listener.onSentence(sentence);
          AudioOutput out = output();
          synthesizer.speak(sentence, readingOptions, (samples, count) -> {
            if (stopped) {
              return false;
            }
            out.play(samples, count);
            if (!heardAudio) {
              heardAudio = true;
              listener.onFirstAudio();
            }
            return !stopped;
          });
        }
        if (!stopped && output != null) {
          output.drain();
        }
        listener.onFinished(stopped);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        listener.onFinished(true);
      } catch (VoiceException e) {
        stopped = true;
        LOG.info("Read-aloud failed: {}", e.getMessage(), e);
        listener.onError(e);
      } catch (RuntimeException e) {
        stopped = true;
        LOG.error("Read-aloud failed", e);
        listener.onError(new VoiceException("Reading aloud failed unexpectedly; see the log for details.", e));
      }
    }
  }
}
