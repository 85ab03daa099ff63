package dev.tars.desktop.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.exchange.ExchangeService;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeViewModelTest {
  @TempDir Path home;
  private Database database;
  private ConversationStore conversations;
  private ProjectService projects;
  private MemoryService memories;
  private final Notices notices = new Notices();
  private final List<ExchangeService.ImportResult> imported = new ArrayList<>();
  private ExchangeViewModel viewModel;

  @BeforeEach
  void open() {
    database = TestDatabase.open(home);
    Clock clock = Clock.systemUTC();
    conversations = new ConversationStore(database.dataSource(), clock);
    projects = new ProjectService(database.dataSource(), clock);
    memories = new MemoryService(database.dataSource(), clock);
    ExchangeService exchange = new ExchangeService(database.dataSource(), conversations, projects, memories,
        new StoredSettings(database.dataSource()), clock);
    viewModel = new ExchangeViewModel(exchange, Background.direct(), I18n.forLanguage("en"), notices, imported::add);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aConversationIsSavedAsMarkdownOrJsonAndTheJsonImportsBack() throws Exception {
    Conversation c = conversations.create("Trip: Lisbon / Porto?", "", Sampling.DEFAULTS);
    conversations.addMessage(c.id(), Role.USER, "Where should I stay?", MessageStatus.COMPLETE);
    conversations.addMessage(c.id(), Role.ASSISTANT, "Alfama or Baixa.", MessageStatus.COMPLETE);
    Path markdown = home.resolve(ExchangeViewModel.fileName(c.title(), "md"));
    Path json = home.resolve("trip.json");

    viewModel.exportConversation(c.id(), c.title(), markdown);
    viewModel.exportConversation(c.id(), c.title(), json);

    assertThat(markdown.getFileName().toString()).isEqualTo("Trip Lisbon Porto.md");
    assertThat(Files.readString(markdown)).contains("Where should I stay?").contains("Alfama or Baixa.");
    assertThat(notices.shown()).extracting(Notices.Notice::text)
        .containsExactly("Saved “Trip: Lisbon / Porto?” to Trip Lisbon Porto.md.",
            "Saved “Trip: Lisbon / Porto?” to trip.json.");

    Project target = projects.create("Travel");
    viewModel.importFile(json, target.id());

    assertThat(imported).singleElement().satisfies(r -> {
      assertThat(r.projectId()).isEqualTo(target.id());
      assertThat(r.conversationIds()).hasSize(1);
    });
    assertThat(notices.shown().getLast().text()).isEqualTo("Imported 1 conversation from a Tars export.");
    assertThat(projects.conversationIds(target.id())).hasSize(1);
  }

  @Test
  void aProjectExportCarriesItsMemories() throws Exception {
    Project acme = projects.create("Acme");
    memories.add(MemoryScope.project(acme.id()), "Runs PostgreSQL 16", false);
    Path file = home.resolve("acme.json");

    viewModel.exportProject(acme, file);
    projects.delete(acme.id());
    viewModel.importFile(file, Project.DEFAULT_ID);

    assertThat(notices.shown().getLast().text())
        .isEqualTo("Imported no conversations from a Tars export, and 1 memory.");
    assertThat(imported.getFirst().projectId()).isNotEqualTo(Project.DEFAULT_ID);
  }

  @Test
  void malformedFilesGiveAClearErrorAndImportNothing() throws Exception {
    Path broken = Files.writeString(home.resolve("broken.json"), "{\"conversations\": [");
    Path empty = Files.writeString(home.resolve("empty.json"), "");
    Path other = Files.writeString(home.resolve("other.json"), "{\"hello\": 1}");

    viewModel.importFile(broken, Project.DEFAULT_ID);
    assertThat(notices.shown().getLast().text()).startsWith("broken.json is not valid JSON (line 1");
    viewModel.importFile(empty, Project.DEFAULT_ID);
    viewModel.importFile(other, Project.DEFAULT_ID);
    viewModel.importFile(home.resolve("gone.json"), Project.DEFAULT_ID);

    // Notices keeps the newest three on screen.
    assertThat(notices.shown()).hasSize(3).allMatch(n -> n.kind() == Notices.Kind.ERROR);
    assertThat(notices.shown()).extracting(Notices.Notice::text).containsExactly(
        "empty.json is empty. Nothing was imported; choose the exported file itself.",
        "other.json is JSON, but neither a Tars export nor a ChatGPT export (conversations.json). Nothing was"
            + " imported.",
        "gone.json does not exist (any more). Choose the file again.");
    assertThat(imported).isEmpty();
    assertThat(conversations.list("")).isEmpty();
  }

  @Test
  void exportingIntoAFolderThatCannotBeWrittenSaysSo() throws Exception {
    Conversation c = conversations.create("Notes", "", Sampling.DEFAULTS);
    Path blocker = Files.writeString(home.resolve("not-a-folder"), "x");

    viewModel.exportConversation(c.id(), c.title(), blocker.resolve("notes.md"));

    assertThat(notices.shown()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notices.Kind.ERROR);
      assertThat(n.text()).startsWith("“Notes” could not be saved to notes.md:")
          .endsWith("Choose another folder and try again.");
    });
  }
}
