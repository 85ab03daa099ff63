package dev.tars.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.StoredChatService;
import dev.tars.config.StoredSettings;
import dev.tars.engine.EngineException;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectChatsTest {
  @TempDir Path home;
  private Database database;
  private StoredChatService all;
  private ProjectService projects;
  private ProjectChats scoped;

  @BeforeEach
  void open() {
    database = TestDatabase.open(home);
    all = new StoredChatService(new ConversationStore(database.dataSource(), Clock.systemUTC()), () -> {
      throw new EngineException("no engine needed");
    }, new StoredSettings(database.dataSource()));
    projects = new ProjectService(database.dataSource(), Clock.systemUTC());
    scoped = new ProjectChats(all, projects);
  }

  @AfterEach
  void close() {
    all.close();
    database.close();
  }

  @Test
  void listsOnlyTheConversationsOfTheCurrentProject() {
    Conversation home = scoped.create("Groceries");
    Project work = projects.create("Work");
    scoped.setProject(work.id());
    Conversation report = scoped.create("Quarterly report");

    assertThat(scoped.conversations("")).extracting(Conversation::id).containsExactly(report.id());
    assertThat(scoped.conversations("groc")).isEmpty();
    scoped.setProject(Project.DEFAULT_ID);
    assertThat(scoped.conversations("")).extracting(Conversation::id).containsExactly(home.id());
    assertThat(all.conversations("")).hasSize(2);
  }

  @Test
  void newConversationsGoIntoTheCurrentProjectAndAnyConversationStillOpens() {
    Project work = projects.create("Work");
    scoped.setProject(work.id());
    Conversation c = scoped.create("Plan");
    assertThat(projects.projectOf(c.id())).isEqualTo(work.id());
    scoped.setProject(Project.DEFAULT_ID);
    assertThat(scoped.conversation(c.id())).isPresent();
  }

  @Test
  void everyMethodOfTheChatServiceIsPassedOnNotLeftToItsDefault() throws Exception {
    for (var method : dev.tars.chat.ChatService.class.getMethods()) {
      if (!java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        assertThat(ProjectChats.class.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass())
            .as(method.getName()).isEqualTo(ProjectChats.class);
      }
    }
  }

  @Test
  void aConversationCreatedAfterItsProjectWasDeletedStaysInTheDefaultProject() {
    Project gone = projects.create("Gone");
    scoped.setProject(gone.id());
    projects.delete(gone.id());

    Conversation c = scoped.create("Still here");

    assertThat(projects.projectOf(c.id())).isEqualTo(Project.DEFAULT_ID);
    assertThat(scoped.project()).isEqualTo(Project.DEFAULT_ID);
    assertThat(scoped.conversations("")).extracting(Conversation::id).containsExactly(c.id());
  }
}
