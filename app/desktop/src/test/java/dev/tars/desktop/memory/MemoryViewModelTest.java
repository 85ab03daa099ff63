package dev.tars.desktop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.projects.ProjectsViewModel;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.schedule.DailyJobRunner;
import dev.tars.schedule.DailySchedule;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryViewModelTest {
  @TempDir Path home;
  private Database database;
  private MemoryService memories;
  private ProjectService projects;
  private MemoryViewModel viewModel;
  private ScheduledExecutorService scheduler;
  private final I18n i18n = I18n.forLanguage("en");

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(home);
    memories = new MemoryService(database.dataSource(), Clock.systemUTC());
    projects = new ProjectService(database.dataSource(), Clock.systemUTC());
    scheduler = Executors.newSingleThreadScheduledExecutor(dev.tars.concurrent.NamedThreads.named("vm-test"));
    DailyJobRunner nightly = new DailyJobRunner("nightly", DailySchedule.TWO_AM, Clock.systemUTC(),
        Runnable::run, database.dataSource(), previous -> "Read 2 conversations in 1 project.");
    viewModel = new MemoryViewModel(memories, projects, nightly, Background.direct(), i18n, ZoneOffset.UTC);
  }

  @AfterEach
  void close() {
    scheduler.shutdownNow();
    database.close();
  }

  @Test
  void showsPinnedFirstAndFiltersByScopeAndText() {
    Project acme = projects.create("Acme");
    memories.add(MemoryScope.GLOBAL, "Lives in Madrid", false);
    memories.add(MemoryScope.project(acme.id()), "Acme uses PostgreSQL", false);
    memories.add(MemoryScope.GLOBAL, "Prefers metric units", true);
    viewModel.refresh();

    assertThat(viewModel.rows()).extracting(r -> r.memory().text())
        .containsExactly("Prefers metric units", "Acme uses PostgreSQL", "Lives in Madrid");
    assertThat(viewModel.filters()).extracting(MemoryViewModel.Filter::label)
        .containsExactly("All memories", "Everywhere", "Default", "Acme");
    viewModel.filterProperty().set(viewModel.filters().get(3));
    assertThat(viewModel.rows()).extracting(MemoryViewModel.Row::scopeName).containsExactly("Acme");
    viewModel.filterProperty().set(viewModel.filters().get(0));
    viewModel.textFilterProperty().set("madrid");
    assertThat(viewModel.rows()).extracting(r -> r.memory().text()).containsExactly("Lives in Madrid");
  }

  @Test
  void theDefaultProjectIsShownByItsTranslatedNameAsInTheSwitcherUntilRenamed() {
    I18n spanish = I18n.forLanguage("es");
    MemoryViewModel inSpanish = new MemoryViewModel(memories, projects, null, Background.direct(), spanish,
        ZoneOffset.UTC);
    memories.add(MemoryScope.project(Project.DEFAULT_ID), "Prefers short answers", false);
    inSpanish.refresh();

    assertThat(inSpanish.filters()).extracting(MemoryViewModel.Filter::label).contains("General")
        .doesNotContain("Default");
    assertThat(inSpanish.scopes()).extracting(MemoryViewModel.Filter::label).contains("General");
    assertThat(inSpanish.rows()).extracting(MemoryViewModel.Row::scopeName).containsExactly("General");

    projects.rename(Project.DEFAULT_ID, "Casa");
    inSpanish.refresh();
    assertThat(inSpanish.rows()).extracting(MemoryViewModel.Row::scopeName).containsExactly("Casa");
  }

  @Test
  void addPinEditDeleteAndAProblemForBadText() {
    viewModel.refresh();
    viewModel.add("Has a cat", MemoryScope.GLOBAL, false);
    var cat = viewModel.rows().get(0).memory();
    viewModel.togglePin(cat);
    assertThat(viewModel.rows().get(0).memory().pinned()).isTrue();
    viewModel.edit(cat.id(), "Has two cats", MemoryScope.GLOBAL, true);
    assertThat(viewModel.rows().get(0).memory().text()).isEqualTo("Has two cats");

    viewModel.add("   ", MemoryScope.GLOBAL, false);
    assertThat(viewModel.problemProperty().get()).isEqualTo("A memory needs some text.");
    assertThat(viewModel.rows()).hasSize(1);

    viewModel.delete(viewModel.rows().get(0).memory());
    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.problemProperty().get()).isEmpty();
  }

  @Test
  void proposalsAreKeptOrDiscardedAndSettingsSaved() {
    memories.propose(MemoryScope.GLOBAL, "Is vegetarian", MemoryService.ORIGIN_CONVERSATION, 0);
    memories.propose(MemoryScope.GLOBAL, "Runs marathons", MemoryService.ORIGIN_NIGHTLY, 0);
    viewModel.refresh();
    assertThat(viewModel.proposals()).hasSize(2);

    viewModel.accept(viewModel.proposals().get(0).proposal());
    viewModel.reject(viewModel.proposals().get(0).proposal());

    assertThat(viewModel.proposals()).isEmpty();
    assertThat(viewModel.rows()).extracting(r -> r.memory().text()).containsExactly("Is vegetarian");
    viewModel.autoAcceptProperty().set(true);
    viewModel.budgetProperty().set(500);
    viewModel.saveSettings();
    assertThat(memories.settings().autoAccept()).isTrue();
    assertThat(memories.settings().tokenBudget()).isEqualTo(500);
  }

  @Test
  void nightlyStatusShowsNeverThenTheLastRunAfterRunNow() {
    viewModel.refresh();
    assertThat(viewModel.nightlyTextProperty().get()).startsWith("Not run yet. Next run:");
    viewModel.runNightlyNow();
    assertThat(viewModel.nightlyTextProperty().get()).startsWith("Last run").contains("Read 2 conversations");
    assertThat(viewModel.nightlyRunningProperty().get()).isFalse();
  }

  @Test
  void projectsViewModelSelectsNewProjectsExplainsDuplicatesAndFallsBackToDefault() {
    ProjectsViewModel projectsModel = new ProjectsViewModel(projects, Background.direct(), i18n);
    projectsModel.refresh();
    assertThat(projectsModel.current().isDefault()).isTrue();
    projectsModel.create("Thesis");
    assertThat(projectsModel.current().name()).isEqualTo("Thesis");
    projectsModel.create("thesis");
    assertThat(projectsModel.problemProperty().get()).contains("already a project called \"Thesis\"");
    projectsModel.save(projectsModel.current().id(), "Thesis 2026", "Cite sources.", "");
    assertThat(projectsModel.current().instructions()).isEqualTo("Cite sources.");
    projectsModel.delete(projectsModel.current().id());
    assertThat(projectsModel.current().isDefault()).isTrue();
    assertThat(projectsModel.projects()).extracting(Project::name).containsExactly("Default");
  }
}
