package dev.tars.desktop;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.EngineSource;
import dev.tars.chat.StoredChatService;
import dev.tars.config.StoredSettings;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;

/** The real chat service and settings on an H2 database in a test folder, answering with a given engine. */
public final class TestServices implements AutoCloseable {
  public final Database database;
  public final StoredSettings settings;
  public final StoredChatService chats;

  public TestServices(Path dir, EngineSource engines) {
    database = TestDatabase.open(dir);
    settings = new StoredSettings(database.dataSource());
    chats = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), engines,
        settings);
  }

  @Override
  public void close() {
    chats.close();
    database.close();
  }
}
