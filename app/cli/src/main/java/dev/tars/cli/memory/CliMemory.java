package dev.tars.cli.memory;

import dev.tars.chat.ConversationStore;
import dev.tars.config.AppPaths;
import dev.tars.config.StoredSettings;
import dev.tars.exchange.ExchangeService;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import java.time.Clock;

/** The data home's database and the memory/project services the memory commands share. */
final class CliMemory implements AutoCloseable {
  final Database database;
  final ConversationStore conversations;
  final ProjectService projects;
  final MemoryService memories;
  final ExchangeService exchange;

  CliMemory() {
    AppPaths paths = AppPaths.fromEnvironment().ensureCreated();
    database = Database.open(paths.database());
    Clock clock = Clock.systemDefaultZone();
    conversations = new ConversationStore(database.dataSource(), clock);
    projects = new ProjectService(database.dataSource(), clock);
    memories = new MemoryService(database.dataSource(), clock);
    exchange = new ExchangeService(database.dataSource(), conversations, projects, memories,
        new StoredSettings(database.dataSource()), clock);
  }

  /** A project by id or (case-insensitive) name; null name = the Default project. */
  Project project(String nameOrId) {
    if (nameOrId == null) {
      return projects.project(Project.DEFAULT_ID);
    }
    return projects.projects().stream()
        .filter(p -> p.name().equalsIgnoreCase(nameOrId.strip()) || String.valueOf(p.id()).equals(nameOrId.strip()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("There is no project called \"" + nameOrId
            + "\". Known: " + String.join(", ", projects.projects().stream().map(Project::name).toList())));
  }

  @Override
  public void close() {
    database.close();
  }
}
