package dev.tars.runtime;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.StoredSettings;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.local.LocalEngine;
import dev.tars.engine.openai.OpenAiChatEngine;
import dev.tars.watchdog.LocalEngineProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The one place engines are built: the local engine (a supervised child process; llama.cpp never runs in a
 * front end's process) or a client of a remote OpenAI-compatible server, as the settings say. Runs on the
 * engine host's thread.
 */
final class Engines implements EngineHost.Factory {
  private final AppPaths paths;
  private final LocalEngineProcess watched;

  /** @param watched where the watchdog sees the local engine (restarts, failures) */
  Engines(AppPaths paths, LocalEngineProcess watched) {
    this.paths = paths;
    this.watched = watched;
  }

  /**
   * The engine owner: it makes the engine the stored settings choose (or the options' model file, leaving the
   * settings as they are) on its own thread, and follows later changes of the settings.
   */
  static EngineHost host(RuntimeOptions options, LocalEngineProcess watched, StoredSettings stored) {
    EngineHost.Factory factory = options.engineFactory() != null ? options.engineFactory()
        : new Engines(options.paths(), watched);
    EngineHost host = new EngineHost(factory, Executors.newSingleThreadExecutor(NamedThreads.named("engine-host")));
    if (options.model() != null) {
      host.apply(options.modelSettings(stored.get()));
    } else {
      stored.addListener(host::apply);
      host.apply(stored.get());
    }
    return host;
  }

  @Override
  public ChatEngine create(AppSettings s, Consumer<EngineStatus> status) throws EngineException {
    watched.watch(null);
    if (s.engine() == EngineChoice.REMOTE) {
      URI url;
      try {
        url = URI.create(s.remoteUrl());
      } catch (IllegalArgumentException e) {
        throw new EngineException("The server URL " + s.remoteUrl() + " is not valid. Correct it in Settings.", e);
      }
      return new OpenAiChatEngine(OpenAiChatEngine.Options.remote(url, s.remoteApiKey(), s.remoteModel()));
    }
    LocalEngine.Options options = LocalEngine.Options.defaults(paths.temp()).withMaxContextLength(s.contextSize());
    if (s.threads() > 0) {
      options = options.withThreads(s.threads());
    }
    LocalEngine engine = new LocalEngine(options);
    // Its closing (NONE) is left out: the host says itself what follows a closed engine.
    engine.addStatusListener(local -> {
      if (local.state() != EngineStatus.State.NONE) {
        status.accept(local);
      }
    });
    try {
      engine.load(Path.of(s.modelPath()));
    } catch (EngineException | RuntimeException e) {
      engine.close();
      throw e;
    }
    watched.watch(engine);
    return engine;
  }
}
