package dev.tars.cli.memory;

import dev.tars.cli.CliRuntime;
import dev.tars.exchange.ExchangeService;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.runtime.MemorySystem;
import dev.tars.runtime.TarsRuntime;

/** The runtime's memory and project services, as the memory commands use them. */
final class CliMemory implements AutoCloseable {
  final TarsRuntime runtime;
  final MemorySystem system;
  final ProjectService projects;
  final MemoryService memories;
  final ExchangeService exchange;

  CliMemory() {
    runtime = CliRuntime.open();
    try {
      system = runtime.memory();
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    projects = system.projects();
    memories = system.memories();
    exchange = system.exchange();
  }

  /** A project by id or (case-insensitive) name; null name = the Default project. */
  Project project(String nameOrId) {
    return CliRuntime.project(projects, nameOrId);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
