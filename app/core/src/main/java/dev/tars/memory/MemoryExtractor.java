package dev.tars.memory;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.EngineSource;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a conversation, asks the model which lasting facts about the user it revealed, constrained by the JSON
 * schema {@code facts.schema.json} (a grammar on the local engine), validates the answer and proposes the facts
 * (or remembers them, with auto-accept). Only messages not read before are sent. Blocking: call it from a
 * background thread.
 */
public final class MemoryExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryExtractor.class);
  static final String SCHEMA = Prompts.load("facts.schema.json");
  private static final String PROMPT = Prompts.load("extract-facts.txt");
  private static final Sampling SAMPLING = new Sampling(0.2, 0.95, 1200);
  /** Room kept free for the answer and the chat template's own tokens. */
  private static final int RESERVED_TOKENS = 1300;

  /** What one extraction found and proposed. */
  public record Extraction(List<FactParser.Fact> facts, List<Proposal> proposals, List<Memory> remembered) {
    public static final Extraction NOTHING = new Extraction(List.of(), List.of(), List.of());

    /** How many facts are new to the person: waiting for an answer or (auto-accept) already kept. */
    public int learned() {
      return proposals.size() + remembered.size();
    }
  }

  private final EngineSource engines;
  private final ConversationStore conversations;
  private final MemoryService memories;
  private final ProjectService projects;
  private final Duration timeout;

  public MemoryExtractor(EngineSource engines, ConversationStore conversations, MemoryService memories,
      ProjectService projects, Duration timeout) {
    this.engines = engines;
    this.conversations = conversations;
    this.memories = memories;
    this.projects = projects;
    this.timeout = timeout;
  }

  /**
   * Extracts facts from the messages of the conversation not read before.
   *
   * @return what was found; empty when memory is off or there is nothing new from the user
   * @throws MemoryExtractionException with a message for a person (no model, invalid answer, timeout)
   */
  public Extraction extract(long conversationId, String origin) throws MemoryExtractionException {
    if (!memories.settings().enabled()) {
      return Extraction.NOTHING;
    }
    long after = memories.extractedUpTo(conversationId);
    List<Message> fresh = conversations.messages(conversationId).stream()
        .filter(m -> m.id() > after && !m.content().isBlank() && m.status() != MessageStatus.STREAMING).toList();
    if (fresh.stream().noneMatch(m -> m.role() == Role.USER)) {
      return Extraction.NOTHING;
    }
    long projectId = projects.projectOf(conversationId);
    Project project = projects.project(projectId);
    try {
      ChatEngine engine = engines.engine();
      List<ChatMessage> prompt = prompt(engine, project, fresh);
      Completion completion = engine.generate(new ChatRequest(prompt, SAMPLING, List.of(), SCHEMA), text -> {})
          .result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (completion.finishReason() == FinishReason.ERROR) {
        throw new MemoryExtractionException("The model failed while reading the conversation for facts: "
            + (completion.error() == null ? "unknown error" : completion.error().getMessage()));
      }
      if (completion.finishReason() == FinishReason.LENGTH) {
        // What the model wrote is about the conversation: private text, so only its length above DEBUG.
        LOG.info("Extraction answer cut off after {} tokens", completion.completionTokens());
        LOG.debug("The cut-off extraction answer began: {}",
            completion.text().length() > 300 ? completion.text().substring(0, 300) + "…" : completion.text());
        throw new MemoryExtractionException("The model's list of facts was cut off before it ended, so no facts"
            + " were learned from this conversation.");
      }
      List<FactParser.Fact> facts = FactParser.parse(completion.text());
      List<Proposal> proposals = new ArrayList<>();
      List<Memory> remembered = new ArrayList<>();
      for (FactParser.Fact fact : facts) {
        MemoryScope scope = fact.projectScope() && !project.isDefault()
            ? MemoryScope.project(projectId) : MemoryScope.GLOBAL;
        MemoryService.Offer offer = memories.offer(scope, fact.text(), origin, conversationId);
        offer.proposal().ifPresent(proposals::add);
        offer.remembered().ifPresent(remembered::add);
      }
      memories.markExtracted(conversationId, fresh.get(fresh.size() - 1).id());
      LOG.info("Conversation {}: {} fact(s) found, {} proposed", conversationId, facts.size(), proposals.size());
      return new Extraction(facts, proposals, remembered);
    } catch (EngineException e) {
      throw new MemoryExtractionException(e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new MemoryExtractionException("The model took longer than " + timeout.toSeconds()
          + " s to read the conversation for facts; try again later.", e);
    } catch (ExecutionException e) {
      throw new MemoryExtractionException("The model failed while reading the conversation for facts.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemoryExtractionException("Reading the conversation for facts was interrupted.", e);
    }
  }

  /** System prompt with known facts, then the newest messages that fit the model's context as one transcript. */
  private List<ChatMessage> prompt(ChatEngine engine, Project project, List<Message> fresh) throws EngineException {
    StringBuilder known = new StringBuilder();
    for (Memory m : memories.visibleIn(project.id())) {
      known.append("- ").append(m.text()).append('\n');
    }
    String system = PROMPT.replace("{{project}}", project.name())
        .replace("{{known}}", known.isEmpty() ? "(nothing yet)\n" : known.toString());
    int context = engine.model().contextLength();
    int budget = context > 0 ? context - RESERVED_TOKENS : Integer.MAX_VALUE;
    List<String> lines = new ArrayList<>();
    for (int i = fresh.size() - 1; i >= 0; i--) {
      Message m = fresh.get(i);
      lines.add(0, (m.role() == Role.USER ? "User: " : "Assistant: ") + m.content().strip());
      List<ChatMessage> attempt = List.of(ChatMessage.system(system), ChatMessage.user(transcript(lines)));
      if (engine.countTokens(attempt) > budget) {
        lines.remove(0);
        if (lines.isEmpty()) {
          // Even the last message alone is too long: keep its end, where the conversation left off.
          String tail = m.content().strip();
          lines.add("User: …" + tail.substring(Math.max(0, tail.length() - Math.max(200, budget))));
        }
        break;
      }
    }
    return List.of(ChatMessage.system(system), ChatMessage.user(transcript(lines)));
  }

  private static String transcript(List<String> lines) {
    return "Conversation:\n\n" + String.join("\n\n", lines) + "\n\nWhich lasting facts about the user does it reveal?";
  }
}
