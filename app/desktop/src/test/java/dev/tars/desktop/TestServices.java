package dev.tars.desktop;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.EngineSource;
import dev.tars.chat.StoredChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.engine.EngineException;
import dev.tars.runtime.EngineHost;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import dev.tars.storage.Database;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;

/** The real chat service and settings on an H2 database in a test folder, answering with a given engine. */
public final class TestServices implements AutoCloseable {
  /** For tests that never ask the model: asking fails the way it fails when no model is chosen. */
  public static final EngineSource NO_MODEL = () -> {
    throw new EngineException("No model in this test.");
  };

  public final Database database;
  public final StoredSettings settings;
  public final StoredChatService chats;

  public TestServices(Path dir, EngineSource engines) {
    database = TestDatabase.open(dir);
    settings = new StoredSettings(database.dataSource());
    chats = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), engines,
        settings);
  }

  /** The app's engine owner with an engine that answers {@code answer} at once (a {@link ScriptedEngine}). */
  public static EngineHost scriptedEngines(String answer) {
    return new EngineHost((settings, sink) -> new ScriptedEngine(answer, 0),
        Executors.newSingleThreadExecutor(NamedThreads.named("scripted-engine-host")));
  }

  /** The whole runtime, as the app opens it, on the data home {@code home}, with no model to answer. */
  public static TarsRuntime runtimeWithoutModel(Path home) {
    return TarsRuntime.open(RuntimeOptions.of(new AppPaths(home), "test")
        .withEngineFactory((settings, sink) -> NO_MODEL.engine()));
  }

  @Override
  public void close() {
    chats.close();
    database.close();
  }
}
