package dev.tars.chat;

import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.Generation;
import dev.tars.engine.Role;
import dev.tars.tools.ToolBox;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer of {@link StoredChatService} from start to end: prompt (through {@link PromptAssembly}), tool
 * rounds, streaming with a flush of the draft every {@link StoredChatService#FLUSH_INTERVAL}, then the final
 * status, or the abandonment when anything fails. Its life is one state machine, kept in one class to be
 * checked as a whole.
 */
final class StreamingReply implements Reply {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingReply.class);

  private final ConversationStore store;
  private final EngineSource engines;
  private final PromptAssembly prompts;
  private final Supplier<ToolBox> tools;
  private final ScheduledExecutorService flusher;
  private final CompletableFuture<Message> done = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();
  private volatile Generation generation;
  private volatile boolean stopRequested;

  private volatile ScheduledFuture<?> flushing;
  private volatile long draftId = -1;

  StreamingReply(ConversationStore store, EngineSource engines, PromptAssembly prompts, Supplier<ToolBox> tools,
      ScheduledExecutorService flusher) {
    this.store = store;
    this.engines = engines;
    this.prompts = prompts;
    this.tools = tools;
    this.flusher = flusher;
  }

  /**
   * Never leaves the reply unended: whatever fails (a listener, the store, an engine bug), {@code done}
   * completes and the draft does not stay STREAMING, or whoever waits for the answer waits forever.
   */
  void run(long conversationId, ReplyListener listener) {
    try {
      stream(conversationId, listener);
    } catch (RuntimeException e) {
      abandon(conversationId, listener, e);
    }
  }

  private void stream(long conversationId, ReplyListener listener) {
    Conversation conversation = StoredChatService.existing(store, conversationId);
    ChatEngine engine;
    ContextWindow.Fitted fitted;
    List<ChatMessage> prompt;
    List<ContextBlock> blocks;
    try {
      engine = engines.engine();
      PromptAssembly.Assembled assembled = prompts.assemble(engine, conversation, store.messages(conversation.id()));
      fitted = assembled.fitted();
      blocks = assembled.blocks();
      ToolRounds.Outcome toolRounds = runTools(conversation, engine, fitted.messages());
      prompt = toolRounds.messages();
      blocks.addAll(toolRounds.blocks());
      if (!blocks.isEmpty()) {
        listener.contextUsed(List.copyOf(blocks));
      }
    } catch (EngineException e) {
      LOG.warn("Cannot answer conversation {}: {}", conversationId, e.getMessage(), e);
      listener.failed(e.getMessage());
      done.completeExceptionally(e);
      return;
    }
    Message draft = store.addMessage(conversationId, Role.ASSISTANT, "", MessageStatus.STREAMING);
    draftId = draft.id();
    // Kept before the first token so that citations survive even an answer the app dies in the middle of.
    keepSources(draft.id(), blocks);
    listener.started(draft, fitted.trim());
    long every = StoredChatService.FLUSH_INTERVAL.toMillis();
    flushing = flusher.scheduleWithFixedDelay(() -> flush(draft.id()), every, every, TimeUnit.MILLISECONDS);
    ChatRequest request = new ChatRequest(prompt, conversation.sampling());
    try {
      listener.prompt(request.messages());
    } catch (RuntimeException e) {
      LOG.warn("Reply listener failed on the prompt of answer {}", draft.id(), e);
    }
    generation = engine.generate(request, delta -> {
      synchronized (text) {
        text.append(delta);
      }
      try {
        listener.text(delta);
      } catch (RuntimeException e) {
        // Showing the text failed, keeping it did not: the answer goes on and is stored whole.
        LOG.warn("Reply listener failed on streamed text of answer {}", draft.id(), e);
      }
    });
    if (stopRequested) {
      generation.cancel();
    }
    generation.result().whenComplete((completion, failure) -> {
      try {
        end(conversationId, draft, listener, completion, failure);
      } catch (RuntimeException e) {
        abandon(conversationId, listener, e);
      }
    });
  }

  /** Tool calls before the answer, when tools are on; whatever fails there, the answer goes on without them. */
  private ToolRounds.Outcome runTools(Conversation conversation, ChatEngine engine, List<ChatMessage> fitted) {
    try {
      return new ToolRounds(tools.get()).run(conversation.id(), engine, fitted, conversation.sampling(),
          running -> generation = running, () -> stopRequested);
    } catch (EngineException | RuntimeException e) {
      LOG.warn("Tool calls of conversation {} failed; answering without them", conversation.id(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ToolRounds.Outcome(fitted, List.of());
  }

  private void keepSources(long messageId, List<ContextBlock> blocks) {
    try {
      store.addSources(messageId, AnswerSource.of(blocks));
    } catch (RuntimeException e) {
      // Citations are a bonus too: the answer still comes, only without its source list.
      LOG.warn("Could not keep the sources of answer {}", messageId, e);
    }
  }

  private void end(long conversationId, Message draft, ReplyListener listener, Completion completion,
      Throwable failure) {
    flushing.cancel(false);
    MessageStatus status = statusOf(completion, failure);
    String content = snapshot();
    store.updateMessage(draft.id(), content, status);
    store.touch(conversationId);
    Message answer = store.message(draft.id()).orElseThrow();
    if (completion != null) {
      try {
        listener.completed(completion);
      } catch (RuntimeException e) {
        LOG.warn("Reply listener failed on the completion of answer {}", draft.id(), e);
      }
    }
    if (status == MessageStatus.INTERRUPTED) {
      LOG.warn("Answer {} interrupted: {}", draft.id(), completion != null && completion.error() != null
          ? completion.error().getMessage() : failure);
    }
    try {
      listener.finished(answer);
    } catch (RuntimeException e) {
      LOG.warn("Reply listener failed on the end of answer {}", draft.id(), e);
    }
    done.complete(answer);
  }

  private void abandon(long conversationId, ReplyListener listener, RuntimeException cause) {
    LOG.error("Answering in conversation {} failed unexpectedly", conversationId, cause);
    ScheduledFuture<?> flushes = flushing;
    if (flushes != null) {
      flushes.cancel(false);
    }
    Generation running = generation;
    if (running != null) {
      running.cancel();
    }
    if (draftId >= 0) {
      try {
        store.updateMessage(draftId, snapshot(), MessageStatus.INTERRUPTED);
      } catch (RuntimeException e) {
        LOG.warn("Could not mark answer {} as interrupted", draftId, e);
      }
    }
    if (!done.isDone()) {
      try {
        listener.failed("Tars could not finish this answer because of an internal error (details are in the"
            + " log). What was written so far is kept; try again.");
      } catch (RuntimeException e) {
        LOG.warn("Reply listener failed on the failure of an answer", e);
      }
    }
    done.completeExceptionally(cause);
  }

  private void flush(long messageId) {
    store.updateMessage(messageId, snapshot(), MessageStatus.STREAMING);
  }

  private String snapshot() {
    synchronized (text) {
      return text.toString();
    }
  }

  private MessageStatus statusOf(Completion completion, Throwable failure) {
    if (failure != null || completion == null) {
      return MessageStatus.INTERRUPTED;
    }
    return switch (completion.finishReason()) {
      case STOP, LENGTH -> MessageStatus.COMPLETE;
      case CANCELLED -> MessageStatus.STOPPED;
      case ERROR -> MessageStatus.INTERRUPTED;
    };
  }

  @Override
  public void stop() {
    stopRequested = true;
    Generation running = generation;
    if (running != null) {
      running.cancel();
    }
  }

  @Override
  public CompletableFuture<Message> done() {
    return done;
  }
}
