package dev.tars.engine;

import dev.tars.chat.EngineSource;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.SettingsStore;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine that Settings ask for: the local model or a remote server. When the choice, the model file
 * or the engine parameters change, the old engine is closed (for the local one that kills its process, which
 * is the only way to get its memory back) and the next request starts the new one.
 */
public final class EngineSelector implements EngineSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineSelector.class);

  /** Makes engines; the composition root passes the real constructors, tests may pass others. */
  public interface Factory {
    ChatEngine local(AppSettings settings) throws EngineException;

    ChatEngine remote(AppSettings settings) throws EngineException;
  }

  private final SettingsStore settings;
  private final Factory factory;
  private ChatEngine current;
  private List<Object> currentKey;

  public EngineSelector(SettingsStore settings, Factory factory) {
    this.settings = settings;
    this.factory = factory;
  }

  @Override
  public synchronized ChatEngine engine() throws EngineException {
    AppSettings s = settings.get();
    List<Object> key = keyOf(s);
    if (current != null && Objects.equals(key, currentKey)) {
      return current;
    }
    closeCurrent();
    if (s.engine() == EngineChoice.LOCAL && s.modelPath().isBlank()) {
      throw new EngineException("No model is chosen yet. Choose a GGUF file (or drop one on the window) to start.");
    }
    if (s.engine() == EngineChoice.REMOTE && s.remoteUrl().isBlank()) {
      throw new EngineException("No server address is set. Enter the remote server's URL in Settings.");
    }
    current = s.engine() == EngineChoice.LOCAL ? factory.local(s) : factory.remote(s);
    currentKey = key;
    LOG.info("Engine selected: {}", s.engine() == EngineChoice.LOCAL ? s.modelPath() : s.remoteUrl());
    return current;
  }

  /** The engine in use, if one was started; never starts one. */
  public synchronized java.util.Optional<ChatEngine> active() {
    return java.util.Optional.ofNullable(current);
  }

  private static List<Object> keyOf(AppSettings s) {
    return s.engine() == EngineChoice.LOCAL
        ? List.of(s.engine(), s.modelPath(), s.contextSize(), s.threads())
        : List.of(s.engine(), s.remoteUrl(), s.remoteApiKey(), s.remoteModel());
  }

  private void closeCurrent() {
    if (current != null) {
      current.close();
      current = null;
      currentKey = null;
    }
  }

  @Override
  public synchronized void close() {
    closeCurrent();
  }
}
