package dev.tars.memory;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.PromptContext;
import dev.tars.projects.ProjectService;
import java.util.List;

/**
 * Adds the memories relevant to the latest message (global ones and those of the conversation's project) to
 * the system prompt, within the token budget of {@link MemorySettings}; its sources list the memories used,
 * so the answer can show them. See {@link MemorySelector} for how they are chosen.
 */
public final class MemoryContext implements PromptContext {
  public static final String KIND = "memory";
  static final String HEADER = "Facts you remember about the user. Use them when they help;"
      + " do not repeat them back unless asked.\n";

  private final MemoryService memories;
  private final ProjectService projects;
  private final MemorySelector selector;

  public MemoryContext(MemoryService memories, ProjectService projects, MemorySelector selector) {
    this.memories = memories;
    this.projects = projects;
    this.selector = selector;
  }

  @Override
  public List<ContextBlock> contextFor(Conversation conversation, String latestUserText) {
    MemorySettings settings = memories.settings();
    int budget = settings.tokenBudget() - Tokens.estimate(HEADER);
    if (!settings.enabled() || budget <= 0) {
      return List.of();
    }
    List<Memory> candidates = memories.visibleIn(projects.projectOf(conversation.id()));
    if (candidates.isEmpty()) {
      return List.of();
    }
    MemorySelector.Selection selection = selector.select(candidates, latestUserText, budget);
    if (selection.chosen().isEmpty()) {
      return List.of();
    }
    StringBuilder text = new StringBuilder(HEADER);
    List<ContextBlock.Source> sources = new java.util.ArrayList<>();
    for (Memory m : selection.memories()) {
      text.append("- ").append(m.text()).append('\n');
      sources.add(new ContextBlock.Source(m.text(), "memory:" + m.id()));
    }
    memories.markUsed(selection.memories().stream().map(Memory::id).toList());
    return List.of(new ContextBlock(KIND, text.toString(), sources));
  }
}
