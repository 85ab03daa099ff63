package dev.tars.voice.synthesis.freetts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import dev.tars.voice.CloseLock;
import dev.tars.voice.VoiceException;
import dev.tars.voice.VoiceUnavailableException;
import dev.tars.voice.synthesis.SpeechSink;
import dev.tars.voice.synthesis.SpeechSynthesizer;
import dev.tars.voice.synthesis.VoiceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in voice: FreeTTS with the CMU "kevin16" diphone voice, pure Java, shipped inside the app. Voices
 * are taken straight from their directory class rather than through FreeTTS' system-property lookup, so nothing
 * global is changed.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {
  private static final Logger LOG = LoggerFactory.getLogger(FreeTtsSynthesizer.class);
  public static final String DEFAULT_VOICE = "kevin16";

  private final Map<String, Voice> voices = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private FreeTtsSynthesizer() {
    for (Voice voice : new KevinVoiceDirectory().getVoices()) {
      if ("general".equals(voice.getDomain())) {
        voices.put(voice.getName(), voice);
      }
    }
  }

  /** The voice names, without loading any voice (cheap enough for a settings page). */
  public static List<String> availableVoices() {
    List<String> names = new ArrayList<>();
    for (Voice voice : new KevinVoiceDirectory().getVoices()) {
      if ("general".equals(voice.getDomain())) {
        names.add(voice.getName());
      }
    }
    names.remove(DEFAULT_VOICE);
    names.addFirst(DEFAULT_VOICE);
    return names;
  }

  /** Prepares the default voice (about a second, so call it off the UI thread). */
  public static FreeTtsSynthesizer load() {
    try {
      FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer();
      long start = System.nanoTime();
      synthesizer.allocated(DEFAULT_VOICE);
      LOG.info("FreeTTS voice {} ready in {} ms", DEFAULT_VOICE, (System.nanoTime() - start) / 1_000_000);
      return synthesizer;
    } catch (RuntimeException | LinkageError e) {
      LOG.error("FreeTTS failed to start", e);
      throw new VoiceUnavailableException("The built-in voice could not start; reading aloud is unavailable. See"
          + " the log for details.", e);
    }
  }

  @Override
  public String name() {
    return "FreeTTS";
  }

  @Override
  public List<String> voices() {
    List<String> names = new ArrayList<>(voices.keySet());
    names.remove(DEFAULT_VOICE);
    names.addFirst(DEFAULT_VOICE);
    return names;
  }

  @Override
  public void speak(String text, VoiceOptions options, SpeechSink sink) {
    if (text == null || text.isBlank()) {
      throw new VoiceException("There is no text to read aloud.");
    }
    lock.lock();
    try {
      if (closed) {
        throw new VoiceException("Reading aloud has been shut down; restart Tars to use it again.");
      }
      Voice voice = allocated(options.voice().isEmpty() ? DEFAULT_VOICE : options.voice());
      voice.setRate((float) options.wordsPerMinute());
      SinkPlayer player = new SinkPlayer(sink, options.volume());
      voice.setAudioPlayer(player);
      voice.speak(text);
      if (player.failure() != null) {
        throw new VoiceException("The built-in voice produced audio Tars cannot play; see the log for details.",
            player.failure());
      }
    } finally {
      lock.unlock();
    }
  }

  private Voice allocated(String name) {
    Voice voice = voices.get(name);
    if (voice == null) {
      throw new VoiceException("There is no voice called \"" + name + "\". Choose one of " + voices()
          + " in Settings > Voice.");
    }
    if (!voice.isLoaded()) {
      voice.allocate();
    }
    return voice;
  }

  @Override
  public void close() {
    boolean locked = CloseLock.tryAcquire(lock);
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Voice voice : voices.values()) {
        if (voice.isLoaded()) {
          voice.deallocate();
        }
      }
      LOG.info("FreeTTS closed");
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }
}
