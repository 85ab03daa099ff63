package dev.tars.cli;

import dev.tars.engine.EngineException;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectChats;
import dev.tars.runtime.TarsRuntime;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code ask} and {@code chat} share: the runtime, the project the conversation goes in, and the engine,
 * loaded before the first question. Answers go through the same chat service and prompt contexts as the
 * window's (project instructions, memories, documents), and conversations are created in the project the way
 * the window creates them ({@link ProjectChats}).
 */
final class CliChat implements AutoCloseable {
  /** How long a model may take to load before a question is given up. */
  static final Duration LOAD_LIMIT = Duration.ofMinutes(5);

  final TarsRuntime runtime;
  final Project project;
  final ProjectChats chats;
  final String modelName;

  private CliChat(TarsRuntime runtime, Project project, ProjectChats chats, String modelName) {
    this.runtime = runtime;
    this.project = project;
    this.chats = chats;
    this.modelName = modelName;
  }

  /**
   * @param model a GGUF file to answer with, or null for the engine chosen in the app
   * @param contextSize context window for {@code model}
   * @param threads CPU threads for {@code model}; 0 = one per core
   * @param projectName the project by name or id; null = the Default project
   * @throws EngineException with a message for a person when no engine can answer
   */
  static CliChat open(Path model, int contextSize, int threads, String projectName)
      throws EngineException, InterruptedException {
    TarsRuntime runtime = CliRuntime.open(options -> model == null ? options
        : options.withModel(model, contextSize, threads));
    try {
      Project project = CliRuntime.project(runtime.memory().projects(), projectName);
      String modelName = runtime.engines().awaitReady(LOAD_LIMIT).model().id();
      ProjectChats chats = new ProjectChats(runtime.chats(), runtime.memory().projects());
      chats.setProject(project.id());
      return new CliChat(runtime, project, chats, modelName);
    } catch (EngineException | InterruptedException | RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  @Override
  public void close() {
    runtime.close();
  }
}
