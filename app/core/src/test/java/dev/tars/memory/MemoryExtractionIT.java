package dev.tars.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction through the real engine child on a random-weight model: the text is nonsense, but the JSON
 * schema turned into a llama.cpp grammar must make it parse and validate.
 */
class MemoryExtractionIT {
  @TempDir Path dir;

  @Test
  void theSchemaGrammarMakesEvenARandomModelAnswerValidFacts() throws Exception {
    try (Database database = TestDatabase.open(dir);
        LocalEngine engine = new LocalEngine(LocalEngine.Options.defaults(dir.resolve("tmp"))
            .withMaxContextLength(2048).withThreads(2).withHealthInterval(Duration.ofSeconds(1)))) {
      engine.load(TestModels.tiny());
      assertThat(engine.awaitReady(Duration.ofSeconds(60))).isTrue();
      ConversationStore conversations = new ConversationStore(database.dataSource(), Clock.systemUTC());
      MemoryService memories = new MemoryService(database.dataSource(), Clock.systemUTC());
      Conversation c = conversations.create("Units", "", Sampling.DEFAULTS);
      conversations.addMessage(c.id(), Role.USER, "I always use metric units.", MessageStatus.COMPLETE);
      MemoryExtractor extractor = new MemoryExtractor(() -> engine, conversations, memories,
          new ProjectService(database.dataSource(), Clock.systemUTC()), Duration.ofSeconds(90));

      MemoryExtractor.Extraction result = extractor.extract(c.id(), MemoryService.ORIGIN_CONVERSATION);

      assertThat(result.facts()).hasSizeLessThanOrEqualTo(FactParser.MAX_FACTS)
          .allSatisfy(f -> assertThat(f.text().length()).isBetween(3, 150));
      assertThat(memories.pendingProposals()).hasSize(result.proposals().size());
      assertThat(memories.extractedUpTo(c.id())).isPositive();
    }
  }
}
