package dev.tars.chat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.SettingsStore;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.Generation;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatService} on {@link ConversationStore} and whichever engine {@link EngineSource} gives. The answer
 * is flushed to the database every {@link #FLUSH_INTERVAL} while it streams, so a crash of the app, the engine
 * or the machine loses at most that much of it.
 *
 * <p>Over 400 lines on purpose: one answer's life (context, fitting, streaming, periodic flushes, the end or
 * the abandonment) is one state machine in {@code StreamingReply}, easier to check kept together.
 */
public final class StoredChatService implements ChatService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoredChatService.class);
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
  private static final Duration TRASH_KEPT = Duration.ofDays(7);
  private static final String NEW_TITLE = "New chat";

  private final ConversationStore store;
  private final EngineSource engines;
  private final SettingsStore settings;
  private final ContextWindow contextWindow = new ContextWindow();
  private final List<PromptContext> contexts;
  private final java.util.function.Supplier<dev.tars.tools.ToolBox> tools;
  private final ExecutorService starter = Executors.newFixedThreadPool(2, NamedThreads.named("chat"));
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("chat-flush"));

  public StoredChatService(ConversationStore store, EngineSource engines, SettingsStore settings) {
    this(store, engines, settings, List.of());
  }

  /** With {@code contexts} that add project instructions, memories or document passages to each answer. */
  public StoredChatService(ConversationStore store, EngineSource engines, SettingsStore settings,
      List<PromptContext> contexts) {
    this(store, engines, settings, contexts, () -> dev.tars.tools.ToolBox.NONE);
  }

  /** With the tools the model may call before it answers ({@link ToolRounds}), looked up for each answer. */
  public StoredChatService(ConversationStore store, EngineSource engines, SettingsStore settings,
      List<PromptContext> contexts, java.util.function.Supplier<dev.tars.tools.ToolBox> tools) {
    this.tools = tools;
    this.contexts = List.copyOf(contexts);
    this.store = store;
    this.engines = engines;
    this.settings = settings;
    int interrupted = store.markStreamingAsInterrupted();
    if (interrupted > 0) {
      LOG.info("Marked {} answer(s) left streaming by the last run as interrupted", interrupted);
    }
    store.purgeDeletedOlderThan(TRASH_KEPT);
  }

  @Override
  public List<Conversation> conversations(String titleFilter) {
    return store.list(titleFilter == null ? "" : titleFilter.strip());
  }

  @Override
  public Optional<Conversation> conversation(long id) {
    return store.find(id);
  }

  @Override
  public Conversation create(String title) {
    var defaults = settings.get();
    String name = title == null || title.isBlank() ? NEW_TITLE : title.strip();
    return store.create(name, defaults.defaultSystemPrompt(), defaults.defaultSampling());
  }

  @Override
  public Conversation rename(long id, String title) {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("A conversation needs a title.");
    }
    store.rename(id, title.strip());
    return existing(id);
  }

  @Override
  public Conversation updateSettings(long id, String systemPrompt, Sampling sampling) {
    store.updateSettings(id, systemPrompt == null ? "" : systemPrompt, sampling);
    return existing(id);
  }

  @Override
  public void delete(long id) {
    store.markDeleted(id);
  }

  @Override
  public void restore(long id) {
    store.restore(id);
  }

  @Override
  public List<Message> messages(long conversationId) {
    return store.messages(conversationId);
  }

  @Override
  public Map<Long, List<AnswerSource>> sources(long conversationId) {
    return store.sources(conversationId);
  }

  @Override
  public Reply send(long conversationId, String userText, ReplyListener listener) {
    if (userText == null || userText.isBlank()) {
      throw new IllegalArgumentException("Type a message first.");
    }
    Conversation conversation = existing(conversationId);
    boolean firstMessage = store.messages(conversationId).isEmpty();
    store.addMessage(conversationId, Role.USER, userText.strip(), MessageStatus.COMPLETE);
    if (firstMessage && NEW_TITLE.equals(conversation.title())) {
      store.rename(conversationId, Titles.fromFirstMessage(userText));
    }
    return answer(conversationId, listener);
  }

  @Override
  public Reply regenerate(long conversationId, ReplyListener listener) {
    existing(conversationId);
    List<Message> history = store.messages(conversationId);
    if (history.isEmpty()) {
      throw new IllegalStateException("There is nothing to answer yet.");
    }
    Message last = history.get(history.size() - 1);
    if (last.role() == Role.ASSISTANT) {
      store.deleteMessage(last.id());
    }
    return answer(conversationId, listener);
  }

  @Override
  public Conversation recordExchange(String title, Sampling sampling, List<ChatMessage> turns,
      MessageStatus answerStatus) {
    StringBuilder systemPrompt = new StringBuilder();
    for (ChatMessage turn : turns) {
      if (turn.role() == Role.SYSTEM) {
        systemPrompt.append(systemPrompt.isEmpty() ? "" : "\n\n").append(turn.content());
      }
    }
    String name = title == null || title.isBlank() ? NEW_TITLE : title.strip();
    Conversation conversation = store.create(name, systemPrompt.toString(), sampling);
    int last = turns.size() - 1;
    for (int i = 0; i < turns.size(); i++) {
      ChatMessage turn = turns.get(i);
      if (turn.role() != Role.SYSTEM) {
        MessageStatus status = i == last && turn.role() == Role.ASSISTANT ? answerStatus : MessageStatus.COMPLETE;
        store.addMessage(conversation.id(), turn.role(), turn.content(), status);
      }
    }
    return existing(conversation.id());
  }

  private Reply answer(long conversationId, ReplyListener listener) {
    StreamingReply reply = new StreamingReply();
    starter.execute(() -> reply.run(conversationId, listener));
    return reply;
  }

  private Conversation existing(long id) {
    return store.find(id).orElseThrow(() -> new NoSuchElementException("That conversation no longer exists."));
  }

  @Override
  public void close() {
    starter.shutdownNow();
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("Answer flusher did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One answer: prompt assembly, streaming, periodic flushes and the final commit. */
  private final class StreamingReply implements Reply {
    private final CompletableFuture<Message> done = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private volatile Generation generation;
    private volatile boolean stopRequested;

    private volatile ScheduledFuture<?> flushing;
    private volatile long draftId = -1;

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
      Conversation conversation = existing(conversationId);
      ChatEngine engine;
      ContextWindow.Fitted fitted;
      List<ChatMessage> prompt;
      List<ContextBlock> blocks;
      try {
        engine = engines.engine();
        List<Message> history = store.messages(conversation.id());
        blocks = new ArrayList<>(gatherContext(conversation, history));
        fitted = fitDroppingContext(engine, conversation, history, blocks);
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
      flushing = flusher.scheduleWithFixedDelay(() -> flush(draft.id()),
          FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
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
}
