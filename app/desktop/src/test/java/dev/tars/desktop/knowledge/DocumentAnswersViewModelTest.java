package dev.tars.desktop.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.ConversationStore;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.engine.Sampling;
import dev.tars.knowledge.CollectionInfo;
import dev.tars.knowledge.ConversationDocuments;
import dev.tars.knowledge.DocumentChoice;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.storage.Jdbc;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Documents switch on real H2: what the person picks is what the next answer of that conversation uses. */
class DocumentAnswersViewModelTest {
  @TempDir Path home;
  private Database db;
  private ConversationDocuments choices;
  private ConversationStore conversations;
  private DocumentAnswersViewModel vm;
  private long reports;
  private long recipes;

  @BeforeEach
  void open() {
    db = TestDatabase.open(home);
    Jdbc jdbc = new Jdbc(db.dataSource());
    reports = jdbc.insert("INSERT INTO kn_collection (name, created_at) VALUES ('Reports', CURRENT_TIMESTAMP)");
    recipes = jdbc.insert("INSERT INTO kn_collection (name, created_at) VALUES ('Recipes', CURRENT_TIMESTAMP)");
    choices = new ConversationDocuments(db.dataSource());
    conversations = new ConversationStore(db.dataSource(), Clock.systemUTC());
    vm = new DocumentAnswersViewModel(choices, () -> List.of(new CollectionInfo(reports, "Reports", 3, 40),
        new CollectionInfo(recipes, "Recipes", 2, 9), new CollectionInfo(1, "Documents", 0, 0)),
        Background.direct(), I18n.forLanguage("en"), new Notices());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aChoiceMadeBeforeTheFirstMessageIsStoredWithTheNewConversation() {
    vm.show(null);
    vm.toggle();
    vm.setSelected(recipes, true);
    long created = conversations.create("New chat", "", Sampling.DEFAULTS).id();

    vm.beforeFirstMessage().accept(created);

    assertThat(choices.choice(created)).isEqualTo(new DocumentChoice(true, List.of(recipes)));
  }

  @Test
  void switchingAndChoosingCollectionsIsKeptPerConversationAndShownAgainWhenItIsOpened() {
    long first = conversations.create("Budget", "", Sampling.DEFAULTS).id();
    long second = conversations.create("Soup", "", Sampling.DEFAULTS).id();
    vm.refreshCollections();
    assertThat(vm.collections()).extracting(DocumentAnswersViewModel.CollectionOption::name)
        .containsExactly("Reports", "Recipes");

    vm.show(first);
    vm.setSelected(reports, true);
    assertThat(vm.enabledProperty().get()).isTrue();
    assertThat(vm.summaryProperty().get()).isEqualTo("Reports");
    vm.show(second);
    assertThat(vm.enabledProperty().get()).isFalse();
    assertThat(vm.summaryProperty().get()).isEqualTo("All collections");

    vm.show(first);
    assertThat(vm.enabledProperty().get()).isTrue();
    assertThat(vm.selected()).containsExactly(reports);
    vm.toggle();
    assertThat(choices.choice(first)).isEqualTo(new DocumentChoice(false, List.of(reports)));
    assertThat(choices.choice(second)).isEqualTo(DocumentChoice.OFF);
  }

  @Test
  void aNewChatInAProjectShowsTheProjectsDefaultCollectionsBeforeItsFirstMessage() {
    ProjectService projects = new ProjectService(db.dataSource(), Clock.systemUTC());
    Project work = projects.create("Work");
    projects.update(work.id(), "Work", "", "", List.of(reports));
    long[] current = {projects.projects().get(0).id()};
    vm.setProject(() -> current[0]);

    vm.show(null);
    assertThat(vm.enabledProperty().get()).isFalse();
    current[0] = work.id();
    vm.projectChanged();
    assertThat(vm.enabledProperty().get()).isTrue();
    assertThat(vm.selected()).containsExactly(reports);

    // Sent without touching the switch: the conversation follows its project's default.
    long created = conversations.create("Plan", "", Sampling.DEFAULTS).id();
    projects.moveConversation(created, work.id());
    vm.beforeFirstMessage().accept(created);
    assertThat(choices.choice(created)).isEqualTo(new DocumentChoice(true, List.of(reports)));
  }

  @Test
  void turningTheProjectDefaultOffBeforeTheFirstMessageIsKept() {
    ProjectService projects = new ProjectService(db.dataSource(), Clock.systemUTC());
    Project work = projects.create("Work");
    projects.update(work.id(), "Work", "", "", List.of(reports));
    vm.setProject(work::id);
    vm.show(null);
    assertThat(vm.enabledProperty().get()).isTrue();

    vm.toggle();
    long created = conversations.create("Private", "", Sampling.DEFAULTS).id();
    projects.moveConversation(created, work.id());
    vm.beforeFirstMessage().accept(created);

    assertThat(choices.choice(created).enabled()).isFalse();
  }
}
