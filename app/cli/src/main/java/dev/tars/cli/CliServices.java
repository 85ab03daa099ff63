package dev.tars.cli;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.EngineSource;
import dev.tars.chat.StoredChatService;
import dev.tars.config.AppPaths;
import dev.tars.config.AppSettings;
import dev.tars.config.StoredSettings;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;
import dev.tars.engine.EngineSelector;
import dev.tars.engine.local.LocalEngine;
import dev.tars.engine.openai.OpenAiChatEngine;
import dev.tars.storage.Database;
import dev.tars.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code chat} and {@code serve} share with the desktop app: the data home's database, the stored
 * settings, the chat service and the engine, either the model given on the command line or the one Settings
 * choose. Closed in reverse order of opening, each step bounded.
 */
final class CliServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CliServices.class);

  final AppPaths paths;
  final Database database;
  final StoredSettings settings;
  final EngineSource engines;
  final StoredChatService chat;
  private final AutoCloseable engineOwner;

  private CliServices(AppPaths paths, Database database, StoredSettings settings, EngineSource engines,
      AutoCloseable engineOwner, StoredChatService chat) {
    this.paths = paths;
    this.database = database;
    this.settings = settings;
    this.engines = engines;
    this.engineOwner = engineOwner;
    this.chat = chat;
  }

  /**
   * @param model a GGUF file to serve, or null for the engine Settings choose
   * @param contextSize context window for {@code model}
   * @param threads CPU threads for {@code model}; 0 = one per core
   */
  static CliServices open(Path model, int contextSize, int threads) throws StorageException, EngineException {
    AppPaths paths = AppPaths.fromEnvironment().ensureCreated();
    Database database = Database.open(paths.database());
    try {
      StoredSettings settings = new StoredSettings(database.dataSource());
      EngineSource engines;
      AutoCloseable owner;
      if (model != null) {
        LocalEngine engine = new LocalEngine(localOptions(paths, contextSize, threads));
        owner = engine;
        try {
          engine.load(model);
        } catch (EngineException e) {
          engine.close();
          throw e;
        }
        engines = () -> engine;
      } else {
        EngineSelector selector = new EngineSelector(settings, new EngineSelector.Factory() {
          @Override
          public ChatEngine local(AppSettings s) throws EngineException {
            LocalEngine engine = new LocalEngine(localOptions(paths, s.contextSize(), s.threads()));
            try {
              engine.load(Path.of(s.modelPath()));
              return engine;
            } catch (EngineException e) {
              engine.close();
              throw e;
            }
          }

          @Override
          public ChatEngine remote(AppSettings s) {
            return new OpenAiChatEngine(OpenAiChatEngine.Options.remote(URI.create(s.remoteUrl()),
                s.remoteApiKey(), s.remoteModel().isBlank() ? null : s.remoteModel()));
          }
        });
        engines = selector;
        owner = selector;
      }
      StoredChatService chat = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()),
          engines, settings);
      return new CliServices(paths, database, settings, engines, owner, chat);
    } catch (RuntimeException | EngineException e) {
      database.close();
      throw e;
    }
  }

  private static LocalEngine.Options localOptions(AppPaths paths, int contextSize, int threads) {
    LocalEngine.Options options = LocalEngine.Options.defaults(paths.temp()).withMaxContextLength(contextSize);
    return threads > 0 ? options.withThreads(threads) : options;
  }

  @Override
  public void close() {
    chat.close();
    try {
      engineOwner.close();
    } catch (Exception e) {
      LOG.warn("Closing the engine failed", e);
    }
    database.close();
  }
}
