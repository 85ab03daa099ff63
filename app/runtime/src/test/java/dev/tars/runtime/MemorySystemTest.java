package dev.tars.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.ReplyListener;
import dev.tars.chat.StoredChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.StoredSettings;
import dev.tars.engine.Role;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryExtractor;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.Proposal;
import dev.tars.projects.Project;
import dev.tars.schedule.JobRun;
import dev.tars.storage.Database;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring the composition root does: chat answers carry project instructions and memories. */
class MemorySystemTest {
  @TempDir Path home;
  private Database database;
  private ScheduledExecutorService scheduler;
  private MemorySystem system;
  private StoredChatService chat;
  private final ScriptedEngine engine = ScriptedEngine.answering("Claro.",
      "{\"facts\": [{\"text\": \"Prefers answers in Spanish\", \"scope\": \"global\"}]}",
      "- Planned the Acme schema move");

  @BeforeEach
  void wire() throws Exception {
    database = TestDatabase.open(home);
    scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.named("test-scheduler"));
    ConversationStore conversations = new ConversationStore(database.dataSource(), Clock.systemUTC());
    StoredSettings settings = new StoredSettings(database.dataSource());
    system = new MemorySystem(database.dataSource(), conversations, settings, () -> engine,
        Clock.systemUTC(), null, List.of());
    chat = new StoredChatService(conversations, () -> engine, settings, system.promptContexts());
  }

  @AfterEach
  void close() {
    chat.close();
    system.close();
    scheduler.shutdownNow();
    database.close();
  }

  @Test
  void answersCarryProjectInstructionsAndRelevantMemoriesAndSayWhichWereUsed() throws Exception {
    Project acme = system.projects().create("Acme");
    system.projects().setInstructions(acme.id(), "Answer tersely.");
    Memory db = system.memories().add(MemoryScope.project(acme.id()), "Acme runs PostgreSQL 16", false);
    system.memories().add(MemoryScope.GLOBAL, "Has a dog called Rex", false);
    Conversation c = chat.create("");
    system.projects().moveConversation(c.id(), acme.id());
    List<ContextBlock> used = new CopyOnWriteArrayList<>();

    chat.send(c.id(), "Which PostgreSQL features can we use?", new ReplyListener() {
      @Override
      public void contextUsed(List<ContextBlock> blocks) {
        used.addAll(blocks);
      }
    }).done().get(5, TimeUnit.SECONDS);

    String system0 = engine.requests().get(0).messages().get(0).content();
    assertThat(engine.requests().get(0).messages().get(0).role()).isEqualTo(Role.SYSTEM);
    assertThat(system0).contains("Answer tersely.", "- Acme runs PostgreSQL 16").doesNotContain("Rex");
    assertThat(system0.indexOf("Answer tersely.")).isLessThan(system0.indexOf("PostgreSQL 16"));
    assertThat(used).extracting(ContextBlock::kind).containsExactly("project", "memory");
    assertThat(used.get(1).sources()).extracting(ContextBlock.Source::reference).containsExactly("memory:" + db.id());
  }

  @Test
  void runNowReadsTodaysConversationsProposesFactsAndWritesADigest() throws Exception {
    Conversation c = chat.create("");
    chat.send(c.id(), "Please answer me in Spanish from now on.", new ReplyListener() {}).done().get(5, TimeUnit.SECONDS);
    system.start(scheduler);

    JobRun run = system.nightly().runNow().get(10, TimeUnit.SECONDS);

    assertThat(run.outcome()).isEqualTo(JobRun.Outcome.SUCCEEDED);
    assertThat(run.result()).startsWith("Read 1 conversation in 1 project: 1 new fact proposed, 1 project summary");
    assertThat(system.memories().pendingProposals()).extracting(Proposal::text, Proposal::origin)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Prefers answers in Spanish", "nightly"));
    assertThat(system.synthesis().digests(Project.DEFAULT_ID, 5)).singleElement()
        .satisfies(d -> assertThat(d.summary()).isEqualTo("- Planned the Acme schema move"));
    assertThat(system.nightly().lastRun().orElseThrow().result()).isEqualTo(run.result());
  }

  @Test
  void readingForFactsAfterCloseFinishesWithNothingInsteadOfThrowing() throws Exception {
    Conversation c = chat.create("");
    system.close();

    assertThat(system.extractLater(c.id()).get(1, TimeUnit.SECONDS)).isEqualTo(MemoryExtractor.Extraction.NOTHING);
  }
}
