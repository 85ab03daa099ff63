package dev.tars.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.engine.Sampling;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectServiceTest {
  @TempDir Path home;
  private Database database;
  private ProjectService projects;
  private ConversationStore conversations;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(home);
    projects = new ProjectService(database.dataSource(), Clock.systemUTC());
    conversations = new ConversationStore(database.dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void defaultProjectExistsAndComesFirst() {
    projects.create("Alpha");
    assertThat(projects.projects()).extracting(Project::name).containsExactly("Default", "Alpha");
    assertThat(projects.projects().get(0).isDefault()).isTrue();
  }

  @Test
  void instructionsDefaultModelAndCollectionsAreKept() {
    Project p = projects.create("Acme migration");
    projects.update(p.id(), "Acme", "Answer in Spanish.", "/models/qwen.gguf", List.of(3L, 2L, 3L));
    Project read = projects.project(p.id());
    assertThat(read.name()).isEqualTo("Acme");
    assertThat(read.instructions()).isEqualTo("Answer in Spanish.");
    assertThat(read.defaultModel()).isEqualTo("/models/qwen.gguf");
    assertThat(read.collectionIds()).containsExactly(2L, 3L);
  }

  @Test
  void namesMustBePresentAndUnique() {
    projects.create("Alpha");
    assertThatThrownBy(() -> projects.create("  ")).hasMessage("A project needs a name.");
    assertThatThrownBy(() -> projects.create("alpha")).hasMessageContaining("already a project called \"Alpha\"");
  }

  @Test
  void conversationMovesBetweenProjects() {
    Conversation c = conversations.create("Chat", "", Sampling.DEFAULTS);
    Project p = projects.create("Work");
    assertThat(projects.projectOf(c.id())).isEqualTo(Project.DEFAULT_ID);
    projects.moveConversation(c.id(), p.id());
    assertThat(projects.projectOf(c.id())).isEqualTo(p.id());
    assertThat(projects.conversationIds(p.id())).containsExactly(c.id());
    assertThat(projects.conversationIds(Project.DEFAULT_ID)).isEmpty();
  }

  @Test
  void deletingAProjectMovesItsConversationsAndMemoriesToDefault() {
    MemoryService memories = new MemoryService(database.dataSource(), Clock.systemUTC());
    Project p = projects.create("Temp");
    Conversation c = conversations.create("Chat", "", Sampling.DEFAULTS);
    projects.moveConversation(c.id(), p.id());
    memories.add(MemoryScope.project(p.id()), "Uses PostgreSQL 16", false);

    projects.delete(p.id());

    assertThat(projects.projectOf(c.id())).isEqualTo(Project.DEFAULT_ID);
    assertThat(memories.memories(MemoryScope.project(Project.DEFAULT_ID))).extracting(m -> m.text())
        .containsExactly("Uses PostgreSQL 16");
    assertThatThrownBy(() -> projects.delete(Project.DEFAULT_ID)).hasMessageContaining("cannot be deleted");
  }

  @Test
  void instructionsContextAddsTheProjectInstructionsOnlyWhenThereAreSome() {
    ProjectInstructionsContext context = new ProjectInstructionsContext(projects);
    Conversation c = conversations.create("Chat", "", Sampling.DEFAULTS);
    assertThat(context.contextFor(c, "hi")).isEmpty();

    Project p = projects.create("Spanish");
    projects.setInstructions(p.id(), "Always answer in Spanish.");
    projects.moveConversation(c.id(), p.id());

    var blocks = context.contextFor(c, "hi");
    assertThat(blocks).singleElement().satisfies(b -> {
      assertThat(b.kind()).isEqualTo("project");
      assertThat(b.text()).contains("Always answer in Spanish.");
      assertThat(b.sources()).extracting(s -> s.reference()).containsExactly("project:" + p.id());
    });
  }
}
