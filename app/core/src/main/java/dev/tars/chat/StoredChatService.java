package dev.tars.chat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.SettingsStore;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.tools.ToolBox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatService} on {@link ConversationStore} and whichever engine {@link EngineSource} gives. The answer
 * is flushed to the database every {@link #FLUSH_INTERVAL} while it streams, so a crash of the app, the engine
 * or the machine loses at most that much of it.
 *
 * <p>This class keeps conversations and messages; each answer is a {@link StreamingReply}, its prompt put together
 * by {@link PromptAssembly}.
 */
public final class StoredChatService implements ChatService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoredChatService.class);
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
  private static final Duration TRASH_KEPT = Duration.ofDays(7);
  private static final String NEW_TITLE = "New chat";

  private final ConversationStore store;
  private final EngineSource engines;
  private final SettingsStore settings;
  private final PromptAssembly prompts;
  private final Supplier<ToolBox> tools;
  private final ExecutorService starter = Executors.newFixedThreadPool(2, NamedThreads.named("chat"));
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("chat-flush"));

  public StoredChatService(ConversationStore store, EngineSource engines, SettingsStore settings) {
    this(store, engines, settings, List.of());
  }

  /** With {@code contexts} that add project instructions, memories or document passages to each answer. */
  public StoredChatService(ConversationStore store, EngineSource engines, SettingsStore settings,
      List<PromptContext> contexts) {
    this(store, engines, settings, contexts, () -> ToolBox.NONE);
  }

  /** With the tools the model may call before it answers ({@link ToolRounds}), looked up for each answer. */
  public StoredChatService(ConversationStore store, EngineSource engines, SettingsStore settings,
      List<PromptContext> contexts, Supplier<ToolBox> tools) {
    this.tools = tools;
    this.prompts = new PromptAssembly(contexts);
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
    StreamingReply reply = new StreamingReply(store, engines, prompts, tools, flusher);
    starter.execute(() -> reply.run(conversationId, listener));
    return reply;
  }

  private Conversation existing(long id) {
    return existing(store, id);
  }

  static Conversation existing(ConversationStore store, long id) {
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
}
