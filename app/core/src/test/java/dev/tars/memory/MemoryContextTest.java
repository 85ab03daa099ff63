package dev.tars.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.engine.Sampling;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.testkit.core.TestEmbedder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryContextTest {
  @TempDir Path home;
  private Database database;
  private MemoryService memories;
  private ProjectService projects;
  private Conversation conversation;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(home);
    memories = new MemoryService(database.dataSource(), Clock.systemUTC());
    projects = new ProjectService(database.dataSource(), Clock.systemUTC());
    conversation = new ConversationStore(database.dataSource(), Clock.systemUTC()).create("c", "", Sampling.DEFAULTS);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private List<ContextBlock> context(String question) {
    return new MemoryContext(memories, projects, new MemorySelector(null)).contextFor(conversation, question);
  }

  @Test
  void relevantMemoriesAreInjectedAndListedAsSources() {
    Memory units = memories.add(MemoryScope.GLOBAL, "Prefers metric units", false);
    memories.add(MemoryScope.GLOBAL, "Has two cats named Miso and Tofu", false);

    List<ContextBlock> blocks = context("How many units of flour for a cake, in metric?");

    assertThat(blocks).singleElement().satisfies(b -> {
      assertThat(b.kind()).isEqualTo("memory");
      assertThat(b.text()).contains("- Prefers metric units").doesNotContain("cats");
      assertThat(b.sources()).extracting(ContextBlock.Source::reference).containsExactly("memory:" + units.id());
    });
    assertThat(memories.memory(units.id()).lastUsedAt()).isNotNull();
  }

  @Test
  void pinnedMemoriesComeEvenWhenUnrelatedAndFirst() {
    memories.add(MemoryScope.GLOBAL, "Works on the Acme migration", false);
    memories.add(MemoryScope.GLOBAL, "Name is Ana", true);
    ContextBlock block = context("Status of the Acme migration?").get(0);
    assertThat(block.sources()).extracting(ContextBlock.Source::label)
        .containsExactly("Name is Ana", "Works on the Acme migration");
  }

  @Test
  void injectionStaysWithinTheTokenBudget() {
    memories.saveSettings(new MemorySettings(true, false, 120));
    for (int i = 0; i < 40; i++) {
      memories.add(MemoryScope.GLOBAL, "Project note " + i + " about kubernetes cluster upgrades and rollout", false);
    }
    ContextBlock block = context("kubernetes upgrades").get(0);
    assertThat(Tokens.estimate(block.text())).isLessThanOrEqualTo(120);
    assertThat(block.sources()).hasSizeGreaterThan(2).hasSizeLessThan(40);
  }

  @Test
  void aMemoryTooBigForTheBudgetIsSkippedSoSmallerOnesStillFit() {
    memories.saveSettings(new MemorySettings(true, false, 60));
    memories.add(MemoryScope.GLOBAL, "Travel: " + "prefers window seats on long flights ".repeat(5).strip(), true);
    memories.add(MemoryScope.GLOBAL, "Travel: prefers trains", true);
    ContextBlock block = context("travel").get(0);
    assertThat(block.sources()).extracting(ContextBlock.Source::label).containsExactly("Travel: prefers trains");
  }

  @Test
  void projectMemoriesAreUsedOnlyInTheirProject() {
    Project acme = projects.create("Acme");
    memories.add(MemoryScope.project(acme.id()), "Acme deploys on Fridays", false);
    assertThat(context("when do we deploy on fridays")).isEmpty();
    projects.moveConversation(conversation.id(), acme.id());
    assertThat(context("when do we deploy on fridays")).singleElement()
        .satisfies(b -> assertThat(b.text()).contains("Acme deploys on Fridays"));
  }

  @Test
  void nothingIsInjectedWhenMemoryIsOffOrBudgetIsZero() {
    memories.add(MemoryScope.GLOBAL, "Prefers metric units", true);
    memories.saveSettings(new MemorySettings(false, false, 300));
    assertThat(context("units")).isEmpty();
    memories.saveSettings(new MemorySettings(true, false, 0));
    assertThat(context("units")).isEmpty();
  }

  @Test
  void anEmbedderFindsMemoriesThatShareNoWordWithTheQuestion() {
    Memory diet = memories.add(MemoryScope.GLOBAL, "Is vegetarian", false);
    memories.add(MemoryScope.GLOBAL, "Drives a blue car", false);
    // A stand-in embedder with two axes, "food" and "vehicles": what matters here is the blending, not the model.
    TestEmbedder embedder = TestEmbedder.of(2, text -> text.contains("vegetarian") || text.contains("dinner")
        ? new float[] {1, 0} : new float[] {0, 1});
    List<ContextBlock> blocks = new MemoryContext(memories, projects, new MemorySelector(embedder))
        .contextFor(conversation, "Ideas for dinner tonight?");
    assertThat(blocks.get(0).sources()).extracting(ContextBlock.Source::reference)
        .containsExactly("memory:" + diet.id());
  }
}
