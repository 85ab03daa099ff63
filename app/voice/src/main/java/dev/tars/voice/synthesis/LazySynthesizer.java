package dev.tars.voice.synthesis;

import dev.tars.voice.VoiceException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads the real synthesizer the first time it is used, on whichever (voice) thread uses it, so starting the app
 * never waits for a voice nobody asked for.
 */
public final class LazySynthesizer implements SpeechSynthesizer {
  private final Supplier<? extends SpeechSynthesizer> loader;
  private final String name;
  private SpeechSynthesizer loaded;
  private boolean closed;

  public LazySynthesizer(String name, Supplier<? extends SpeechSynthesizer> loader) {
    this.name = name;
    this.loader = loader;
  }

  private synchronized SpeechSynthesizer real() {
    if (closed) {
      throw new VoiceException("Reading aloud has been shut down; restart Tars to use it again.");
    }
    if (loaded == null) {
      loaded = loader.get();
    }
    return loaded;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> voices() {
    return real().voices();
  }

  @Override
  public void speak(String text, VoiceOptions options, SpeechSink sink) {
    real().speak(text, options, sink);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (loaded != null) {
      loaded.close();
    }
  }
}
