package dev.tars.memory;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.EngineSource;
import dev.tars.chat.Message;
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
import dev.tars.schedule.ScheduledJob;
import dev.tars.storage.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job: for each project with conversations active since the last run, reads them for new facts
 * (proposed like any other, origin {@code nightly}) and writes a short digest of the day, kept per project and
 * day. Run it through a {@link dev.tars.schedule.DailyJobRunner}.
 */
public final class NightlySynthesis implements ScheduledJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlySynthesis.class);
  public static final String JOB_NAME = "nightly-synthesis";
  private static final String DIGEST_PROMPT = Prompts.load("digest.txt");
  private static final Sampling SAMPLING = new Sampling(0.3, 0.95, 300);
  private static final int PER_CONVERSATION_CHARS = 1500;

  private final EngineSource engines;
  private final ConversationStore conversations;
  private final ProjectService projects;
  private final MemoryExtractor extractor;
  private final Jdbc jdbc;
  private final Clock clock;
  private final Duration timeout;

  public NightlySynthesis(EngineSource engines, ConversationStore conversations, ProjectService projects,
      MemoryExtractor extractor, DataSource dataSource, Clock clock, Duration timeout) {
    this.engines = engines;
    this.conversations = conversations;
    this.projects = projects;
    this.extractor = extractor;
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
    this.timeout = timeout;
  }

  /** A project's digest of one day. */
  public record Digest(long projectId, LocalDate day, String summary, Instant createdAt) {}

  @Override
  public String run(Instant previousRun) throws Exception {
    Instant since = previousRun != null ? previousRun : clock.instant().minus(Duration.ofDays(1));
    Map<Long, List<Long>> active = new LinkedHashMap<>();
    jdbc.query("SELECT project_id, id FROM conversation WHERE deleted_at IS NULL AND updated_at > ?"
        + " ORDER BY project_id, updated_at", row -> active.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
        .add(row.getLong(2)), OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    if (active.isEmpty()) {
      return "No conversations since the last run; nothing to do.";
    }
    ChatEngine engine = engines.engine();
    int read = 0;
    int proposed = 0;
    int failedExtractions = 0;
    int digests = 0;
    for (Map.Entry<Long, List<Long>> entry : active.entrySet()) {
      Project project = projects.project(entry.getKey());
      for (long conversationId : entry.getValue()) {
        read++;
        try {
          proposed += extractor.extract(conversationId, MemoryService.ORIGIN_NIGHTLY).learned();
        } catch (MemoryExtractionException e) {
          failedExtractions++;
          LOG.warn("Nightly: no facts from conversation {}: {}", conversationId, e.getMessage());
        }
      }
      String summary = digest(engine, project, entry.getValue(), since);
      if (!summary.isBlank()) {
        LocalDate day = clock.instant().atZone(clock.getZone()).toLocalDate();
        jdbc.update("MERGE INTO project_digest (project_id, digest_day, summary, created_at) KEY (project_id, digest_day)"
            + " VALUES (?, ?, ?, ?)", project.id(), day, summary, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        digests++;
      }
    }
    String result = "Read " + read + " conversation" + (read == 1 ? "" : "s") + " in " + active.size() + " project"
        + (active.size() == 1 ? "" : "s") + ": " + proposed + " new fact" + (proposed == 1 ? "" : "s")
        + " proposed, " + digests + " project summar" + (digests == 1 ? "y" : "ies") + " written.";
    return failedExtractions == 0 ? result
        : result + " The model's answer could not be used for " + failedExtractions + " conversation(s).";
  }

  private String digest(ChatEngine engine, Project project, List<Long> conversationIds, Instant since)
      throws Exception {
    StringBuilder text = new StringBuilder();
    for (long id : conversationIds) {
      Optional<dev.tars.chat.Conversation> conversation = conversations.find(id);
      if (conversation.isEmpty()) {
        continue;
      }
      StringBuilder part = new StringBuilder("## " + conversation.get().title() + "\n");
      for (Message m : conversations.messages(id)) {
        if (m.createdAt().isAfter(since) && m.role() == Role.USER) {
          part.append("- ").append(m.content().strip().replaceAll("\\s+", " ")).append('\n');
        }
      }
      text.append(part.length() > PER_CONVERSATION_CHARS
          ? part.substring(0, PER_CONVERSATION_CHARS) + "…\n" : part).append('\n');
    }
    List<ChatMessage> prompt = fit(engine, List.of(
        ChatMessage.system(DIGEST_PROMPT.replace("{{project}}", project.name())),
        ChatMessage.user(text.toString())));
    Completion completion = engine.generate(new ChatRequest(prompt, SAMPLING), t -> {})
        .result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (completion.finishReason() == FinishReason.ERROR) {
      throw new EngineException("The model failed while summarizing the day: "
          + (completion.error() == null ? "unknown error" : completion.error().getMessage()));
    }
    return completion.text().strip();
  }

  /** Cuts the user text from the end until the prompt fits the model with room for the summary. */
  private static List<ChatMessage> fit(ChatEngine engine, List<ChatMessage> prompt) throws EngineException {
    int context = engine.model().contextLength();
    List<ChatMessage> current = prompt;
    while (context > 0 && engine.countTokens(current) > context - SAMPLING.maxTokens() - 64) {
      String user = current.get(1).content();
      if (user.length() < 200) {
        break;
      }
      current = List.of(current.get(0), ChatMessage.user(user.substring(0, user.length() * 3 / 4) + "…"));
    }
    return current;
  }

  /** The newest digests of a project, newest first. */
  public List<Digest> digests(long projectId, int limit) {
    return jdbc.query("SELECT project_id, digest_day, summary, created_at FROM project_digest WHERE project_id = ?"
        + " ORDER BY digest_day DESC LIMIT " + Math.max(0, limit), row -> new Digest(row.getLong(1),
        row.getObject(2, LocalDate.class), row.getString(3), row.getObject(4, OffsetDateTime.class).toInstant()),
        projectId);
  }
}
