package dev.tars.desktop.memory;

import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.desktop.projects.ProjectSwitcherView;
import dev.tars.desktop.projects.ProjectsViewModel;
import dev.tars.desktop.search.SearchDialog;
import dev.tars.desktop.search.SearchViewModel;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.schedule.DailyJobRunner;
import dev.tars.schedule.DailySchedule;
import dev.tars.search.ConversationSearch;
import dev.tars.search.MemorySearch;
import dev.tars.search.SearchHit;
import dev.tars.search.SearchService;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Memory page, the project switcher and the Ctrl+K search on a real (headless) stage and real H2. */
@ExtendWith(ApplicationExtension.class)
class MemoryPagesIT {
  @TempDir static Path home;
  private Database database;
  private final ExecutorService work = Executors.newFixedThreadPool(1, NamedThreads.named("memory-ui-test"));
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("memory-ui-scheduler"));
  private MemoryViewModel memoryModel;
  private ProjectsViewModel projectsModel;
  private SearchViewModel searchModel;
  private SearchDialog search;
  private MemoryService memories;
  private ProjectService projects;
  private final List<SearchHit> opened = new CopyOnWriteArrayList<>();
  private Parent root;

  @Start
  void start(Stage stage) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    database = TestDatabase.open(home.resolve("db-" + System.nanoTime()));
    Clock clock = Clock.systemDefaultZone();
    ConversationStore conversations = new ConversationStore(database.dataSource(), clock);
    memories = new MemoryService(database.dataSource(), clock);
    projects = new ProjectService(database.dataSource(), clock);
    seed(conversations);
    DailyJobRunner nightly = new DailyJobRunner("nightly-synthesis", DailySchedule.TWO_AM, clock, work,
        database.dataSource(), previous -> "Read 3 conversations in 2 projects: 2 new facts proposed, 2 project"
        + " summaries written.");
    Background background = new Background(work, new FxUiDispatcher());
    I18n i18n = I18n.forLanguage("en");
    memoryModel = new MemoryViewModel(memories, projects, nightly, background, i18n, ZoneId.systemDefault());
    projectsModel = new ProjectsViewModel(projects, background, i18n);
    searchModel = new SearchViewModel(new SearchService(List.of(new ConversationSearch(database.dataSource(), clock),
        new MemorySearch(memories))), background, i18n, opened::add);
    search = new SearchDialog(searchModel, i18n, ZoneId.systemDefault());
    MemoryView memoryView = new MemoryView(memoryModel, i18n);
    ProjectSwitcherView switcher = new ProjectSwitcherView(projectsModel, i18n);
    Label placeholder = new Label("(conversation list)");
    VBox sidebar = new VBox(8, switcher.root(), placeholder);
    sidebar.setStyle("-fx-padding: 16 12 8 12; -fx-background-color: -color-bg-subtle;");
    sidebar.setPrefWidth(272);
    BorderPane layout = new BorderPane(memoryView.root(), null, null, null, sidebar);
    root = new StackPane(layout, search.overlay());
    root.setStyle("-fx-font-size: 14px;");
    Scene scene = new Scene(root, 1240, 820);
    scene.getStylesheets().add(getClass().getResource("/dev/tars/desktop/tars.css").toExternalForm());
    search.install(scene);
    stage.setScene(scene);
    stage.show();
    memoryModel.refresh();
    projectsModel.refresh();
  }

  private void seed(ConversationStore conversations) {
    Project acme = projects.create("Acme migration");
    projects.setInstructions(acme.id(), "Answer tersely; prefer SQL examples.");
    projects.create("Trip planning");
    memories.add(MemoryScope.GLOBAL, "Prefers metric units and 24-hour time", true);
    memories.add(MemoryScope.GLOBAL, "Name is Ana; works as a data engineer in Madrid", false);
    memories.add(MemoryScope.project(acme.id()), "Acme runs PostgreSQL 16 on AWS RDS", false);
    memories.add(MemoryScope.project(acme.id()), "Deploys to production only on Fridays before noon", false);
    memories.propose(MemoryScope.GLOBAL, "Is vegetarian", MemoryService.ORIGIN_CONVERSATION, 0);
    memories.propose(MemoryScope.project(acme.id()), "The migration deadline is 30 June", MemoryService.ORIGIN_NIGHTLY, 0);
    Conversation trip = conversations.create("Trip to Lisbon", "", Sampling.DEFAULTS);
    conversations.addMessage(trip.id(), Role.USER, "Which neighbourhood should I stay in for four days?",
        MessageStatus.COMPLETE);
    conversations.addMessage(trip.id(), Role.ASSISTANT, "Alfama is charming and hilly; Baixa is central, flat and"
        + " has many hotels close to the river and the tram lines.", MessageStatus.COMPLETE);
    Conversation report = conversations.create("Quarterly report", "", Sampling.DEFAULTS);
    conversations.addMessage(report.id(), Role.ASSISTANT, "Hotel occupancy in Lisbon rose 4% in the quarter while"
        + " Porto stayed flat; Lisbon hotel prices rose faster than inflation.", MessageStatus.COMPLETE);
    memories.add(MemoryScope.GLOBAL, "Is planning a trip to Lisbon in May", false);
  }

  @AfterEach
  void tearDown() throws Exception {
    work.shutdown();
    work.awaitTermination(5, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    database.close();
  }

  @Test
  void memoryPageListsMemoriesAndKeepsAProposedFact(FxRobot robot) throws Exception {
    waitUntil(() -> memoryModel.rows().size() == 5 && memoryModel.proposals().size() == 2);
    assertThat(memoryModel.rows().get(0).memory().pinned()).isTrue();
    assertThat(memoryModel.nightlyTextProperty().get()).startsWith("Not run yet");
    screenshot("memory-page.png");

    Button keep = robot.lookup(".proposal-card .button").queryAll().stream()
        .filter(n -> n instanceof Button b && b.getText().equals("Keep")).map(Button.class::cast).findFirst()
        .orElseThrow();
    robot.clickOn(keep);
    waitUntil(() -> memoryModel.rows().size() == 6 && memoryModel.proposals().size() == 1);
    assertThat(memories.all()).extracting(m -> m.text()).contains("Is vegetarian");

    robot.clickOn(robot.lookup("Run now").queryButton());
    waitUntil(() -> memoryModel.nightlyTextProperty().get().startsWith("Last run"));
    assertThat(memoryModel.nightlyTextProperty().get()).contains("2 new facts proposed");
    screenshot("memory-page-after.png");
  }

  @Test
  void projectSwitcherListsProjectsAndCreatesOne() throws Exception {
    waitUntil(() -> projectsModel.projects().size() == 3);
    assertThat(projectsModel.current().isDefault()).isTrue();
    WaitForAsyncUtils.asyncFx(() -> projectsModel.create("Thesis")).get();
    waitUntil(() -> projectsModel.current() != null && projectsModel.current().name().equals("Thesis"));
    assertThat(projectsModel.projects()).extracting(Project::name)
        .containsExactly("Default", "Acme migration", "Thesis", "Trip planning");
    WaitForAsyncUtils.asyncFx(() -> projectsModel.create("thesis")).get();
    waitUntil(() -> !projectsModel.problemProperty().get().isEmpty());
    assertThat(projectsModel.problemProperty().get()).contains("already a project called \"Thesis\"");
    screenshot("project-switcher.png");
  }

  @Test
  void ctrlKSearchShowsHighlightedResultsAndEnterOpensTheBest(FxRobot robot) throws Exception {
    robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K)
        .release(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCode.CONTROL);
    waitUntil(search::isOpen);
    robot.write("lisbon hotel");
    waitUntil(() -> !searchModel.results().isEmpty() && !searchModel.searchingProperty().get());
    SearchHit best = searchModel.results().get(0);
    assertThat(best.kind()).isEqualTo(SearchHit.Kind.MESSAGE);
    assertThat(best.title()).isEqualTo("Quarterly report");
    assertThat(best.snippet().highlights()).hasSizeGreaterThanOrEqualTo(2);
    WaitForAsyncUtils.waitForFxEvents();
    screenshot("search.png");

    robot.press(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.ENTER);
    waitUntil(() -> !opened.isEmpty());
    assertThat(opened.get(0).messageId()).isEqualTo(best.messageId());
    assertThat(search.isOpen()).isFalse();
  }


  /** Writes a PNG of the window when TARS_SCREENS names a folder (screenshots are looked at, not committed). */
  private void screenshot(String name) throws Exception {
    WindowShots.save(root, name);
  }
}
