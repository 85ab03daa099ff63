package dev.tars.chat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.EngineException;
import dev.tars.engine.Role;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the model is sent for one answer: the conversation's instructions with the context blocks of every
 * {@link PromptContext} (project instructions, memories, documents) in one system message, then the history,
 * fitted to the engine's context window. Context that fails or does not fit is left out rather than refusing
 * to answer.
 */
final class PromptAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(PromptAssembly.class);

  private final ContextWindow contextWindow = new ContextWindow();
  private final List<PromptContext> contexts;

  PromptAssembly(List<PromptContext> contexts) {
    this.contexts = List.copyOf(contexts);
  }

  /**
   * The prompt fitted to the window and the context blocks it kept.
   *
   * @param blocks the blocks in the prompt, in order; a mutable list the caller may add to
   */
  record Assembled(ContextWindow.Fitted fitted, List<ContextBlock> blocks) {}

  Assembled assemble(ChatEngine engine, Conversation conversation, List<Message> history) throws EngineException {
    List<ContextBlock> blocks = new ArrayList<>(gatherContext(conversation, history));
    ContextWindow.Fitted fitted = fitDroppingContext(engine, conversation, history, blocks);
    return new Assembled(fitted, blocks);
  }

  /**
   * Fits the prompt; when even the newest message does not fit with all the context, leaves context blocks out
   * from the last (documents, then memories) rather than refusing to answer. {@code blocks} keeps what fits.
   */
  private ContextWindow.Fitted fitDroppingContext(ChatEngine engine, Conversation conversation,
      List<Message> history, List<ContextBlock> blocks) throws EngineException {
    while (true) {
      try {
        return contextWindow.fit(engine, prompt(conversation, history, blocks), conversation.sampling().maxTokens());
      } catch (PromptTooLongException e) {
        if (blocks.isEmpty()) {
          throw e;
        }
        ContextBlock dropped = blocks.removeLast();
        LOG.info("Left the {} context out of the prompt of conversation {}: the context window has no room for it",
            dropped.kind(), conversation.id());
      }
    }
  }

  private List<ContextBlock> gatherContext(Conversation conversation, List<Message> history) {
    String latestUserText = history.stream().filter(m -> m.role() == Role.USER).reduce((a, b) -> b)
        .map(Message::content).orElse("");
    List<ContextBlock> blocks = new ArrayList<>();
    for (PromptContext context : contexts) {
      try {
        blocks.addAll(context.contextFor(conversation, latestUserText));
      } catch (RuntimeException e) {
        // Extra context is a bonus: answer without it rather than not at all.
        LOG.warn("Prompt context {} failed; answering without it", context.getClass().getSimpleName(), e);
      }
    }
    return blocks;
  }

  private List<ChatMessage> prompt(Conversation conversation, List<Message> history, List<ContextBlock> blocks) {
    List<ChatMessage> messages = new ArrayList<>();
    StringBuilder system = new StringBuilder(conversation.systemPrompt().strip());
    for (ContextBlock block : blocks) {
      if (!system.isEmpty()) {
        system.append("\n\n");
      }
      system.append(block.text().strip());
    }
    if (!system.isEmpty()) {
      messages.add(ChatMessage.system(system.toString()));
    }
    for (Message message : history) {
      if (!message.content().isEmpty()) {
        messages.add(new ChatMessage(message.role(), message.content()));
      }
    }
    return messages;
  }
}
