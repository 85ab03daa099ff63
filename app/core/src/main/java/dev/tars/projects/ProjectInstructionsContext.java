package dev.tars.projects;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.PromptContext;
import java.util.List;

/**
 * Adds the instructions of the conversation's project to the system prompt. Pass it first in the list given
 * to {@code StoredChatService}, so instructions come before memories and documents.
 */
public final class ProjectInstructionsContext implements PromptContext {
  public static final String KIND = "project";

  private final ProjectService projects;

  public ProjectInstructionsContext(ProjectService projects) {
    this.projects = projects;
  }

  @Override
  public List<ContextBlock> contextFor(Conversation conversation, String latestUserText) {
    Project project = projects.project(projects.projectOf(conversation.id()));
    if (project.instructions().isBlank()) {
      return List.of();
    }
    String text = "Instructions for the project \"" + project.name() + "\":\n" + project.instructions().strip();
    return List.of(new ContextBlock(KIND, text,
        List.of(new ContextBlock.Source("Project: " + project.name(), "project:" + project.id()))));
  }
}
