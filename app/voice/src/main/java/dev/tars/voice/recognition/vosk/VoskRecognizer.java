package dev.tars.voice.recognition.vosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.voice.CloseLock;
import dev.tars.voice.VoiceException;
import dev.tars.voice.VoiceUnavailableException;
import dev.tars.voice.VoiceUnavailableException.Problem;
import dev.tars.voice.audio.SpeechAudio;
import dev.tars.voice.recognition.RecognitionListener;
import dev.tars.voice.recognition.RecognitionSession;
import dev.tars.voice.recognition.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Recognition with a downloaded Vosk (Kaldi) model, e.g. {@code vosk-model-small-en-us-0.15}: more accurate than
 * PocketSphinx, and the default whenever a model is installed. The native library comes inside the Vosk jar; the
 * model is a folder the person downloads from the Models page.
 */
public final class VoskRecognizer implements SpeechRecognizer {
  private static final Logger LOG = LoggerFactory.getLogger(VoskRecognizer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARTIAL_EVERY_SAMPLES = 4_000;

  private final Model model;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private Session active;
  private boolean closed;

  private VoskRecognizer(Model model, String name) {
    this.model = model;
    this.name = name;
  }

  /**
   * Whether {@code folder} looks like a Vosk model (an acoustic model and its configuration), judged without
   * loading it.
   */
  public static boolean looksLikeModel(Path folder) {
    return Files.isRegularFile(folder.resolve("am").resolve("final.mdl"))
        && Files.isRegularFile(folder.resolve("conf").resolve("model.conf"));
  }

  /** Loads the model in {@code folder}; takes seconds for small models. */
  public static VoskRecognizer load(Path folder) {
    String shown = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
    if (!Files.isDirectory(folder)) {
      throw new VoiceUnavailableException(Problem.VOSK_FOLDER_MISSING, folder.toString(), "The Vosk speech model"
          + " folder " + folder + " does not exist. Download a model (e.g. vosk-model-small-en-us-0.15) from the Models"
          + " page, or choose PocketSphinx in Settings > Voice.", null);
    }
    if (!looksLikeModel(folder)) {
      throw new VoiceUnavailableException(Problem.NOT_A_VOSK_MODEL, shown, "The folder " + shown + " is not a Vosk"
          + " speech model (it has no am/final.mdl or conf/model.conf). Unpack the whole model archive there, or"
          + " download it again from the Models page.", null);
    }
    try {
      LibVosk.setLogLevel(LogLevel.WARNINGS);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      LOG.warn("libvosk not loadable", e);
      throw new VoiceUnavailableException(Problem.VOSK_CANNOT_RUN, shown, "The Vosk speech recognizer cannot run on"
          + " this computer (its native library did not load). Choose PocketSphinx in Settings > Voice.", e);
    }
    long start = System.nanoTime();
    try {
      Model model = new Model(folder.toAbsolutePath().toString());
      LOG.info("Vosk model {} loaded in {} ms", folder, (System.nanoTime() - start) / 1_000_000);
      return new VoskRecognizer(model, "Vosk (" + shown + ")");
    } catch (IOException e) {
      LOG.warn("Vosk could not load {}", folder, e);
      throw new VoiceUnavailableException(Problem.VOSK_DAMAGED, shown, "The Vosk speech model " + shown + " could"
          + " not be loaded; it is incomplete or damaged. Delete it and download it again from the Models page.", e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RecognitionSession startSession(RecognitionListener listener) {
    lock.lock();
    try {
      if (closed) {
        throw new VoiceException("Speech recognition has been shut down; restart Tars to use it again.");
      }
      if (active != null) {
        throw new IllegalStateException("A recognition session is already open on " + name);
      }
      active = new Session(new Recognizer(model, SpeechAudio.SAMPLE_RATE), listener);
      return active;
    } catch (IOException e) {
      throw new VoiceException("Vosk could not start listening; see the log for details.", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    boolean locked = CloseLock.tryAcquire(lock);
    if (!locked) {
      LOG.warn("Vosk still busy; leaving its model to process exit");
      return;
    }
    try {
      if (!closed) {
        closed = true;
        if (active != null) {
          active.release();
        }
        model.close();
        LOG.info("Vosk closed");
      }
    } finally {
      lock.unlock();
    }
  }

  static String field(String json, String name) {
    try {
      JsonNode node = JSON.readTree(json).get(name);
      return node == null ? "" : node.asText("").strip();
    } catch (JsonProcessingException e) {
      // The result is what the person said: only its size above DEBUG (the exception quotes it too).
      LOG.warn("Ignoring a Vosk result that is not JSON ({} characters)", json.length());
      LOG.debug("The Vosk result was: {}", json, e);
      return "";
    }
  }

  private final class Session implements RecognitionSession {
    private final Recognizer recognizer;
    private final RecognitionListener listener;
    private final StringBuilder finishedPhrases = new StringBuilder();
    private long samplesSincePartial;
    private String lastPartial = "";
    private boolean done;

    Session(Recognizer recognizer, RecognitionListener listener) {
      this.recognizer = recognizer;
      this.listener = listener;
    }

    @Override
    public void accept(short[] samples, int count) {
      String partial = null;
      lock.lock();
      try {
        requireOpen();
        if (recognizer.acceptWaveForm(samples, count)) {
          append(field(recognizer.getResult(), "text"));
          partial = finishedPhrases.toString();
        } else {
          samplesSincePartial += count;
          if (samplesSincePartial >= PARTIAL_EVERY_SAMPLES) {
            samplesSincePartial = 0;
            partial = join(field(recognizer.getPartialResult(), "partial"));
          }
        }
      } finally {
        lock.unlock();
      }
      if (partial != null && !partial.equals(lastPartial)) {
        lastPartial = partial;
        listener.onPartial(partial);
      }
    }

    private void append(String phrase) {
      if (!phrase.isEmpty()) {
        if (!finishedPhrases.isEmpty()) {
          finishedPhrases.append(' ');
        }
        finishedPhrases.append(phrase);
      }
    }

    private String join(String current) {
      if (finishedPhrases.isEmpty()) {
        return current;
      }
      return current.isEmpty() ? finishedPhrases.toString() : finishedPhrases + " " + current;
    }

    @Override
    public String finish() {
      lock.lock();
      try {
        requireOpen();
        append(field(recognizer.getFinalResult(), "text"));
        release();
        return finishedPhrases.toString();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        if (!done) {
          release();
        }
      } finally {
        lock.unlock();
      }
    }

    void release() {
      done = true;
      active = null;
      recognizer.close();
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
}
