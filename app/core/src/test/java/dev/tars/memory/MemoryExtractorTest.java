package dev.tars.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MemoryExtractorTest {
  @TempDir Path home;
  private Database database;
  private ConversationStore conversations;
  private MemoryService memories;
  private ProjectService projects;
  private Conversation conversation;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(home);
    conversations = new ConversationStore(database.dataSource(), Clock.systemUTC());
    memories = new MemoryService(database.dataSource(), Clock.systemUTC());
    projects = new ProjectService(database.dataSource(), Clock.systemUTC());
    conversation = conversations.create("Units", "", Sampling.DEFAULTS);
    conversations.addMessage(conversation.id(), Role.USER, "Give me the recipe in grams, I never use cups.",
        MessageStatus.COMPLETE);
    conversations.addMessage(conversation.id(), Role.ASSISTANT, "Sure: 250 g flour...", MessageStatus.COMPLETE);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private MemoryExtractor extractor(ScriptedEngine engine) {
    return new MemoryExtractor(() -> engine, conversations, memories, projects, Duration.ofSeconds(5));
  }

  @Test
  void factsInTheAnswerBecomeProposalsScopedAsTheModelSaid() throws Exception {
    Project acme = projects.create("Acme");
    projects.moveConversation(conversation.id(), acme.id());
    ScriptedEngine engine = ScriptedEngine.answering("```json\n{\"facts\": [{\"text\": \"Prefers metric units\","
        + " \"scope\": \"global\"}, {\"text\": \"Bakes for the Acme office party\", \"scope\": \"project\"}]}\n```");

    MemoryExtractor.Extraction result = extractor(engine).extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);

    assertThat(result.proposals()).extracting(Proposal::text, Proposal::scope).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Prefers metric units", MemoryScope.GLOBAL),
        org.assertj.core.groups.Tuple.tuple("Bakes for the Acme office party", MemoryScope.project(acme.id())));
    var request = engine.requests().get(0);
    assertThat(request.responseSchema()).contains("\"facts\"");
    assertThat(request.messages().get(1).content()).contains("User: Give me the recipe in grams");
  }

  @Test
  void withAutoAcceptTheLearnedFactsAreRememberedAtOnceAndCounted() throws Exception {
    memories.saveSettings(new MemorySettings(true, true, 300));
    ScriptedEngine engine = ScriptedEngine.answering("{\"facts\": [{\"text\": \"Prefers metric units\","
        + " \"scope\": \"global\"}, {\"text\": \"Lives in Oslo\", \"scope\": \"global\"}]}");

    MemoryExtractor.Extraction result = extractor(engine).extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);

    assertThat(result.proposals()).isEmpty();
    assertThat(result.remembered()).extracting(Memory::text).containsExactly("Prefers metric units", "Lives in Oslo");
    assertThat(result.learned()).isEqualTo(2);
    assertThat(memories.all()).extracting(Memory::text).containsExactlyInAnyOrder("Prefers metric units", "Lives in Oslo");
    assertThat(memories.pendingProposals()).isEmpty();
  }

  @Test
  void onlyMessagesNotReadBeforeAreSentAndNothingNewMeansNoCall() throws Exception {
    ScriptedEngine engine = ScriptedEngine.answering("{\"facts\": []}");
    MemoryExtractor extractor = extractor(engine);
    extractor.extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);
    extractor.extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);
    assertThat(engine.requests()).hasSize(1);

    conversations.addMessage(conversation.id(), Role.USER, "Also, I live in Oslo.", MessageStatus.COMPLETE);
    extractor.extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);
    assertThat(engine.requests()).hasSize(2);
    assertThat(engine.requests().get(1).messages().get(1).content()).contains("I live in Oslo")
        .doesNotContain("grams");
  }

  @Test
  void knownFactsAreListedInThePromptAndNotProposedAgain() throws Exception {
    memories.add(MemoryScope.GLOBAL, "Prefers metric units", false);
    ScriptedEngine engine = ScriptedEngine.answering("{\"facts\": [{\"text\": \"prefers metric units.\", \"scope\": \"global\"}]}");
    var result = extractor(engine).extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);
    assertThat(result.facts()).hasSize(1);
    assertThat(result.proposals()).isEmpty();
    assertThat(engine.requests().get(0).messages().get(0).content()).contains("- Prefers metric units");
  }

  @Test
  void whatTheModelWroteAboutTheConversationIsNeverQuotedInTheLogAboveDebug() {
    String secret = "bank PIN 4417";
    ScriptedEngine cutOff = ScriptedEngine.answering("{\"facts\": [{\"text\": \"Their " + secret)
        .finishingWith(FinishReason.LENGTH);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    try {
      for (ScriptedEngine engine : List.of(cutOff, ScriptedEngine.answering("Their " + secret + ", nothing else."),
          ScriptedEngine.answering("{\"facts\": [Their " + secret + "]}"),
          ScriptedEngine.answering("{\"facts\": [{\"text\": \"x y z\", \"scope\": \"" + secret + "\"}]}"))) {
        assertThatThrownBy(() -> extractor(engine).extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION))
            .isInstanceOf(MemoryExtractionException.class).hasMessageNotContaining("4417");
      }
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).isNotEmpty()
        .allSatisfy(e -> {
          assertThat(e.getFormattedMessage()).doesNotContain("4417");
          assertThat(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()).doesNotContain("4417");
        });
  }

  @Test
  void invalidAnswersGiveAClearMessageAndTheConversationIsReadAgainNextTime() throws Exception {
    assertThatThrownBy(() -> extractor(ScriptedEngine.answering("I think the user likes grams."))
        .extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION))
        .isInstanceOf(MemoryExtractionException.class).hasMessageContaining("did not answer with JSON");
    assertThatThrownBy(() -> extractor(ScriptedEngine.answering("{\"facts\": [{\"text\": \"x y z\", \"scope\": \"team\"}]}"))
        .extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION))
        .hasMessageContaining("a scope other than \"global\" or \"project\"");
    assertThatThrownBy(() -> extractor(ScriptedEngine.answering("{\"facts\": [{\"text\": \"broken"))
        .extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION))
        .hasMessageContaining("did not answer with JSON");
    assertThatThrownBy(() -> extractor(ScriptedEngine.answering("{\"items\": []}"))
        .extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION))
        .hasMessageContaining("no \"facts\" list");
    assertThat(memories.extractedUpTo(conversation.id())).isZero();
    assertThat(memories.pendingProposals()).isEmpty();
  }

  @Test
  void noModelGivesThePersonTheEnginesMessage() {
    MemoryExtractor extractor = new MemoryExtractor(() -> {
      throw new EngineException("No model is chosen. Pick one in Settings.");
    }, conversations, memories, projects, Duration.ofSeconds(5));
    assertThatThrownBy(() -> extractor.extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION))
        .isInstanceOf(MemoryExtractionException.class).hasMessage("No model is chosen. Pick one in Settings.");
  }

  @Test
  void aLongConversationIsCutToTheNewestMessagesThatFit() throws Exception {
    for (int i = 0; i < 60; i++) {
      conversations.addMessage(conversation.id(), Role.USER, "message " + i + " " + "padding ".repeat(40),
          MessageStatus.COMPLETE);
    }
    ScriptedEngine engine = ScriptedEngine.answering("{\"facts\": []}").contextLength(2048);
    extractor(engine).extract(conversation.id(), MemoryService.ORIGIN_CONVERSATION);
    var request = engine.requests().get(0);
    assertThat(engine.countTokens(request.messages())).isLessThanOrEqualTo(2048 - 1300);
    assertThat(request.messages().get(1).content()).contains("message 59").doesNotContain("message 0 ");
  }
}
