package dev.tars.voice.recognition.pocketsphinx;

import com.sun.jna.Pointer;
import dev.tars.voice.VoiceException;
import dev.tars.voice.VoiceUnavailableException;
import dev.tars.voice.recognition.RecognitionListener;
import dev.tars.voice.recognition.RecognitionSession;
import dev.tars.voice.recognition.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline recognition with the system's PocketSphinx through JNA: the fallback that works wherever Debian's
 * {@code pocketsphinx} packages are installed. One native decoder is loaded once and reused by every session.
 *
 * <p>Long utterances are cut at pauses the decoder's voice activity detector hears, so each search stays short and
 * the final pass after the key is released only covers the last phrase.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {
  private static final Logger LOG = LoggerFactory.getLogger(PocketSphinxRecognizer.class);
  /** A partial result every quarter second of audio: lively enough to watch, cheap enough not to slow decoding. */
  private static final int PARTIAL_EVERY_SAMPLES = 4_000;
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final PocketSphinxNative.Decoder ps;
  private final PocketSphinxNative.Base base;
  private final Pointer config;
  private final Pointer decoder;
  private final String name;
  private final ReentrantLock nativeLock = new ReentrantLock();
  private Session active;
  private boolean closed;

  private PocketSphinxRecognizer(PocketSphinxNative.Decoder ps, PocketSphinxNative.Base base, Pointer config,
      Pointer decoder, String name) {
    this.ps = ps;
    this.base = base;
    this.config = config;
    this.decoder = decoder;
    this.name = name;
  }

  /** Loads the Debian US English model with the settings Tars ships (see docs/decisions/0501). */
  public static PocketSphinxRecognizer loadEnglish(Path logFile) {
    return load(PocketSphinxModel.debianEnglish(), logFile, defaultTuning());
  }

  /**
   * Decoder settings chosen by measurement (voice benchmark, docs/decisions/0502): skipping the second, flat-lexicon
   * search pass halves the work left when the key is released and cuts decoding time by a fifth, with the same
   * word error rate on the test sentences. The best-path pass stays: without it the error rate rose from 4.9% to 13%.
   */
  public static List<String> defaultTuning() {
    return List.of("-fwdflat", "no");
  }

  /**
   * Loads {@code model}; takes about a second. The decoder's own log goes to {@code logFile} (its tail is copied
   * to the Tars log if loading fails).
   *
   * @param tuning extra decoder arguments, e.g. {@code -bestpath no}
   */
  public static PocketSphinxRecognizer load(PocketSphinxModel model, Path logFile, List<String> tuning) {
    model.requireInstalled();
    PocketSphinxNative.Decoder ps;
    PocketSphinxNative.Base base;
    try {
      ps = PocketSphinxNative.loadDecoder();
      base = PocketSphinxNative.loadBase();
    } catch (UnsatisfiedLinkError e) {
      LOG.warn("libpocketsphinx not loadable", e);
      throw new VoiceUnavailableException("The PocketSphinx speech recognizer is not installed. Install it with:"
          + " sudo apt-get install pocketsphinx pocketsphinx-en-us (or install a Vosk model from the Models page).",
          e);
    }
    List<String> args = new ArrayList<>(List.of("-hmm", model.acousticModel().toString(),
        "-lm", model.languageModel().toString(), "-dict", model.dictionary().toString(),
        "-logfn", logFile.toString()));
    args.addAll(tuning);
    long start = System.nanoTime();
    Pointer config = base.cmd_ln_parse_r(null, ps.ps_args(), args.size(), args.toArray(String[]::new), 1);
    if (config == null) {
      throw new VoiceException("PocketSphinx rejected its settings " + tuning + "; see the log for details.");
    }
    Pointer decoder = ps.ps_init(config);
    if (decoder == null) {
      base.cmd_ln_free_r(config);
      LOG.warn("PocketSphinx failed to load {}; its log ends with:\n{}", model, tail(logFile));
      throw new VoiceUnavailableException("The PocketSphinx model in " + model.acousticModel().getParent()
          + " could not be loaded; it may be damaged. Reinstall it with: sudo apt-get install --reinstall"
          + " pocketsphinx-en-us");
    }
    LOG.info("PocketSphinx loaded {} in {} ms", model.acousticModel(), (System.nanoTime() - start) / 1_000_000);
    return new PocketSphinxRecognizer(ps, base, config, decoder, "PocketSphinx (en-US)");
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RecognitionSession startSession(RecognitionListener listener) {
    nativeLock.lock();
    try {
      if (closed) {
        throw new VoiceException("Speech recognition has been shut down; restart Tars to use it again.");
      }
      if (active != null) {
        throw new IllegalStateException("A recognition session is already open on " + name);
      }
      if (ps.ps_start_utt(decoder) < 0) {
        throw new VoiceException("PocketSphinx could not start listening; see the log for details.");
      }
      active = new Session(listener);
      return active;
    } finally {
      nativeLock.unlock();
    }
  }

  @Override
  public void close() {
    boolean locked = false;
    try {
      locked = nativeLock.tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!locked) {
      // Freeing the decoder under a running search would crash the JVM; leaking it until exit is the safe choice.
      LOG.warn("PocketSphinx still busy after {} s; leaving its decoder to process exit", CLOSE_WAIT_SECONDS);
      return;
    }
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (active != null) {
        ps.ps_end_utt(decoder);
        active = null;
      }
      ps.ps_free(decoder);
      base.cmd_ln_free_r(config);
      LOG.info("PocketSphinx closed");
    } finally {
      nativeLock.unlock();
    }
  }

  private final class Session implements RecognitionSession {
    private final RecognitionListener listener;
    private final StringBuilder finishedPhrases = new StringBuilder();
    private boolean inSpeech;
    private long samplesSincePartial;
    private String lastPartial = "";
    private boolean done;

    Session(RecognitionListener listener) {
      this.listener = listener;
    }

    @Override
    public void accept(short[] samples, int count) {
      if (count <= 0) {
        return;
      }
      String partial = null;
      nativeLock.lock();
      try {
        requireOpen();
        short[] block = samples.length == count ? samples : Arrays.copyOf(samples, count);
        if (ps.ps_process_raw(decoder, block, new PocketSphinxNative.SizeT(count), 0, 0) < 0) {
          throw new VoiceException("PocketSphinx failed on the audio; see the log for details.");
        }
        boolean speechNow = ps.ps_get_in_speech(decoder) != 0;
        if (inSpeech && !speechNow) {
          endPhrase();
          if (ps.ps_start_utt(decoder) < 0) {
            throw new VoiceException("PocketSphinx could not continue listening; see the log for details.");
          }
        }
        inSpeech = speechNow;
        samplesSincePartial += count;
        if (samplesSincePartial >= PARTIAL_EVERY_SAMPLES) {
          samplesSincePartial = 0;
          partial = join(finishedPhrases.toString(), ps.ps_get_hyp(decoder, null));
        }
      } finally {
        nativeLock.unlock();
      }
      if (partial != null && !partial.equals(lastPartial)) {
        lastPartial = partial;
        listener.onPartial(partial);
      }
    }

    private void endPhrase() {
      ps.ps_end_utt(decoder);
      String phrase = ps.ps_get_hyp(decoder, null);
      if (phrase != null && !phrase.isBlank()) {
        if (!finishedPhrases.isEmpty()) {
          finishedPhrases.append(' ');
        }
        finishedPhrases.append(phrase.strip());
      }
    }

    @Override
    public String finish() {
      nativeLock.lock();
      try {
        requireOpen();
        endPhrase();
        done = true;
        active = null;
        return finishedPhrases.toString();
      } finally {
        nativeLock.unlock();
      }
    }

    @Override
    public void cancel() {
      nativeLock.lock();
      try {
        if (!done && !closed) {
          ps.ps_end_utt(decoder);
        }
        if (!done) {
          done = true;
          active = null;
        }
      } finally {
        nativeLock.unlock();
      }
    }

    private void requireOpen() {
      if (done) {
        throw new IllegalStateException("This recognition session has already ended");
      }
      if (closed) {
        throw new VoiceException("Speech recognition has been shut down; restart Tars to use it again.");
      }
    }
  }

  static String join(String finished, String current) {
    String tail = current == null ? "" : current.strip();
    if (finished.isEmpty()) {
      return tail;
    }
    return tail.isEmpty() ? finished : finished + " " + tail;
  }
}
