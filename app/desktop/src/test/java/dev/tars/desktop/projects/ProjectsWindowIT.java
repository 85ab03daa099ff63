package dev.tars.desktop.projects;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.StoredChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.DesktopServices;
import dev.tars.desktop.DesktopShell;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.conversations.ConversationItem;
import dev.tars.runtime.EngineHost;
import dev.tars.desktop.fx.I18n;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.runtime.MemorySystem;
import dev.tars.projects.Project;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Projects in the real window (DesktopShell on a headless stage, real H2, the real chat service answering with a
 * scripted engine): the list follows the chosen project, a new chat lands in it, a conversation moves through
 * its context menu, and a search result from another project opens at its message.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectsWindowIT {
  @TempDir Path home;
  private Database database;
  private StoredSettings settings;
  private EngineHost engines;
  private StoredChatService chats;
  private MemorySystem memory;
  private DesktopShell shell;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("projects-it-scheduler"));
  private Project work;
  private Conversation groceries;
  private Conversation budget;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    database = TestDatabase.open(home);
    settings = new StoredSettings(database.dataSource());
    settings.save(settings.get().withModelPath("/models/scripted.gguf").withLanguage("en"));
    engines = TestServices.scriptedEngines("Sure, here is a plan.");
    settings.addListener(engines::apply);
    engines.apply(settings.get());
    Clock clock = Clock.systemUTC();
    ConversationStore store = new ConversationStore(database.dataSource(), clock);
    memory = new MemorySystem(database.dataSource(), store, settings, engines::engine, clock, null,
        List.of());
    chats = new StoredChatService(store, engines::engine, settings, memory.promptContexts());
    seed(store);
    shell = new DesktopShell(new DesktopServices(chats, settings, engines, null, null, null, memory, null, null,
        null, () -> {}, null, null), I18n.forLanguage("en"));
    shell.show(stage);
  }

  private void seed(ConversationStore store) {
    work = memory.projects().create("Work");
    groceries = store.create("Groceries", "", Sampling.DEFAULTS);
    store.addMessage(groceries.id(), Role.USER, "Milk, eggs and bread", MessageStatus.COMPLETE);
    budget = store.create("Budget", "", Sampling.DEFAULTS);
    for (int i = 0; i < 12; i++) {
      store.addMessage(budget.id(), Role.USER, "Line " + i + " of the budget: travel, rent, hardware.",
          MessageStatus.COMPLETE);
      store.addMessage(budget.id(), Role.ASSISTANT, "Noted line " + i + ". " + "The totals stay within plan. "
          .repeat(6), MessageStatus.COMPLETE);
    }
    store.addMessage(budget.id(), Role.USER, "The budget meeting moved to Tuesday afternoon.",
        MessageStatus.COMPLETE);
    for (int i = 0; i < 6; i++) {
      store.addMessage(budget.id(), Role.ASSISTANT, "Later remark " + i + ". " + "Nothing else changes. ".repeat(8),
          MessageStatus.COMPLETE);
    }
    memory.projects().moveConversation(budget.id(), work.id());
  }

  @AfterEach
  void close() {
    shell.stopAnswers();
    shell.close();
    memory.close();
    chats.close();
    engines.close();
    scheduler.shutdownNow();
    database.close();
  }

  @Test
  void switchingProjectShowsItsConversationsAndANewChatIsCreatedInIt(FxRobot robot) throws Exception {
    waitUntil(() -> titles(robot).equals(List.of("Groceries")));

    chooseProject(robot, "Work");
    waitUntil(() -> titles(robot).equals(List.of("Budget")));

    // New chat from another page (Memory) comes back to the chat.
    robot.clickOn(robot.lookup(".nav-button").queryAll().stream()
        .filter(n -> n instanceof Button b && b.getText().equals("Memory")).findFirst().orElseThrow());
    waitUntil(() -> !isShowing(robot.lookup(".composer-input").query()));
    robot.clickOn(robot.lookup(".new-chat").queryButton());
    waitUntil(() -> isShowing(robot.lookup(".composer-input").query()));
    robot.clickOn(".composer-input").write("Plan the offsite");
    robot.type(KeyCode.ENTER);
    waitUntil(() -> titles(robot).contains("Plan the offsite"));
    long created = chats.conversations("Plan the offsite").getFirst().id();
    assertThat(memory.projects().projectOf(created)).isEqualTo(work.id());

    chooseProject(robot, "Default");
    waitUntil(() -> titles(robot).equals(List.of("Groceries")));
  }

  @Test
  void moveToProjectFromTheContextMenuTakesTheConversationThere(FxRobot robot) throws Exception {
    waitUntil(() -> titles(robot).equals(List.of("Groceries")));

    // Headless Monocle sends no context-menu request for a right click: open the cell's own menu as it would.
    javafx.scene.control.ListCell<?> cell = robot.lookup(".conversation-cell").queryAll().stream()
        .map(n -> (javafx.scene.control.ListCell<?>) n)
        .filter(c -> c.getItem() instanceof ConversationItem i && i.title().equals("Groceries")).findFirst()
        .orElseThrow();
    WaitForAsyncUtils.asyncFx(() -> cell.getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 0, 0)).get();
    robot.clickOn("Move to project…");
    waitUntil(() -> robot.lookup(".move-dialog").tryQuery().isPresent());
    robot.clickOn(robot.lookup(".move-dialog .button").queryAll().stream()
        .filter(n -> n instanceof Button b && b.getText().equals("OK")).findFirst().orElseThrow());

    waitUntil(() -> titles(robot).isEmpty());
    assertThat(memory.projects().projectOf(groceries.id())).isEqualTo(work.id());
    chooseProject(robot, "Work");
    waitUntil(() -> titles(robot).containsAll(List.of("Groceries", "Budget")));
  }

  @Test
  void aSearchResultInAnotherProjectOpensThatConversationAtTheMessage(FxRobot robot) throws Exception {
    waitUntil(() -> titles(robot).equals(List.of("Groceries")));

    robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
    robot.write("tuesday afternoon");
    waitUntil(() -> robot.lookup(".search-results .list-cell").queryAll().stream()
        .anyMatch(n -> n.isVisible() && ((javafx.scene.control.ListCell<?>) n).getItem() != null));
    robot.type(KeyCode.ENTER);

    waitUntil(() -> titles(robot).equals(List.of("Budget")) && selectedTitle(robot).equals("Budget"));
    waitUntil(() -> robot.lookup(".message-found").tryQuery().isPresent());
    Node found = robot.lookup(".message-found").query();
    assertThat(fx(() -> robot.from(found).lookup(".user-bubble").queryAs(javafx.scene.control.Label.class)
        .getText())).contains("Tuesday afternoon");
    waitUntil(() -> isInViewport(found));
    assertThat(fx(() -> ((ComboBox<?>) robot.lookup(".project-choice").query()).getValue().toString()))
        .contains("Work");
  }

  private void chooseProject(FxRobot robot, String name) throws Exception {
    robot.clickOn(".project-choice");
    waitUntil(() -> robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
        .anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> c && name.equals(c.getText())));
    robot.clickOn(robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
        .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && name.equals(c.getText())).findFirst()
        .orElseThrow());
  }

  /** True when the node and all its parents are visible. */
  private static boolean isShowing(Node node) {
    for (Node at = node; at != null; at = at.getParent()) {
      if (!at.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /** True when the node's middle is inside the window's visible part of the chat. */
  private static boolean isInViewport(Node node) {
    var scroll = (javafx.scene.control.ScrollPane) ancestor(node, javafx.scene.control.ScrollPane.class);
    if (scroll == null) {
      return false;
    }
    var inScroll = scroll.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
    return inScroll.getMinY() >= -1 && inScroll.getMinY() < scroll.getHeight();
  }

  private static Node ancestor(Node node, Class<?> type) {
    Node at = node.getParent();
    while (at != null && !type.isInstance(at)) {
      at = at.getParent();
    }
    return at;
  }

  @SuppressWarnings("unchecked")
  private List<String> titles(FxRobot robot) {
    ListView<ConversationItem> list = (ListView<ConversationItem>) robot.lookup(".conversation-list").query();
    return list.getItems().stream().map(ConversationItem::title).toList();
  }

  @SuppressWarnings("unchecked")
  private String selectedTitle(FxRobot robot) {
    ListView<ConversationItem> list = (ListView<ConversationItem>) robot.lookup(".conversation-list").query();
    ConversationItem item = list.getSelectionModel().getSelectedItem();
    return item == null ? "" : item.title();
  }


}
