package dev.tars.desktop.shell;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.TestServices;
import dev.tars.runtime.EngineHost;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Feature pages and Settings sections are built on their first visit, once (start-up time), on a real MainView
 * on a headless stage.
 */
@ExtendWith(ApplicationExtension.class)
class MainViewPagesIT {
  @TempDir Path home;
  private final ExecutorService work = Executors.newSingleThreadExecutor(NamedThreads.named("pages-it-work"));
  private final AtomicInteger pageBuilds = new AtomicInteger();
  private final AtomicInteger sectionBuilds = new AtomicInteger();
  private TestServices services;
  private EngineHost engines;
  private MainViewModel main;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    engines = TestServices.scriptedEngines("ok");
    services = new TestServices(home, engines::engine);
    I18n i18n = I18n.forLanguage("en");
    main = new MainViewModel(services.chats, services.settings, engines, new Background(work, new FxUiDispatcher()),
        i18n);
    MainView view = new MainView(main, i18n);
    view.addPage("notes", "Notes", null, () -> {
      pageBuilds.incrementAndGet();
      Label page = new Label("The notes page");
      page.setId("notesPage");
      return new javafx.scene.layout.StackPane(page);
    });
    view.addPage("broken", "Broken", null, () -> {
      throw new IllegalStateException("the index folder is not readable");
    });
    view.addSettingsSection("Extra", () -> {
      sectionBuilds.incrementAndGet();
      Label section = new Label("An extra section");
      section.setId("extraSection");
      return section;
    });
    Scene scene = new Scene(view.root(), 1000, 700);
    view.install(scene);
    stage.setScene(scene);
    main.start();
    stage.show();
  }

  @AfterEach
  void close() {
    engines.close();
    work.shutdownNow();
    services.close();
  }

  @Test
  void aPageIsBuiltTheFirstTimeItIsShownAndOnlyThen(FxRobot robot) throws Exception {
    Button notes = fx(() -> robot.lookup(".nav-button").queryAllAs(Button.class).stream()
        .filter(b -> b.getText().equals("Notes")).findFirst().orElseThrow());
    assertThat(pageBuilds).hasValue(0);
    assertThat(fx(() -> robot.lookup("#notesPage").tryQuery().isPresent())).isFalse();

    robot.clickOn(notes);
    waitUntil(() -> robot.lookup("#notesPage").tryQuery().map(MainViewPagesIT::isShowing).orElse(false));
    assertThat(pageBuilds).hasValue(1);
    Node built = fx(() -> robot.lookup("#notesPage").query());

    robot.interact(main::showSettings);
    waitUntil(() -> !isShowing(built));
    robot.clickOn(notes);
    waitUntil(() -> isShowing(built));
    assertThat(pageBuilds).hasValue(1);
    assertThat(fx(() -> robot.lookup("#notesPage").queryAll())).containsExactly(built);
  }

  @Test
  void settingsSectionsAreBuiltWithTheSettingsPageOnItsFirstVisit(FxRobot robot) throws Exception {
    assertThat(sectionBuilds).hasValue(0);
    assertThat(fx(() -> robot.lookup("#extraSection").tryQuery().isPresent())).isFalse();

    robot.interact(main::showSettings);
    waitUntil(() -> robot.lookup("#extraSection").tryQuery().map(MainViewPagesIT::isShowing).orElse(false));
    Node section = fx(() -> robot.lookup("#extraSection").query());

    robot.interact(main::closeSettings);
    waitUntil(() -> !isShowing(section));
    robot.interact(main::showSettings);
    waitUntil(() -> isShowing(section));
    assertThat(sectionBuilds).hasValue(1);
  }

  @Test
  void aPageThatFailsToBuildSaysWhyAndTheRestOfTheWindowWorks(FxRobot robot) throws Exception {
    robot.interact(() -> main.showPage("broken"));
    waitUntil(() -> robot.lookup(".label").queryAllAs(Label.class).stream()
        .anyMatch(l -> isShowing(l) && l.getText().contains("could not open: the index folder is not readable")));

    robot.interact(() -> main.showPage("notes"));
    waitUntil(() -> robot.lookup("#notesPage").tryQuery().map(MainViewPagesIT::isShowing).orElse(false));
  }

  /** True when the node is in a scene and it and all its parents are visible. */
  private static boolean isShowing(Node node) {
    if (node.getScene() == null) {
      return false;
    }
    for (Node at = node; at != null; at = at.getParent()) {
      if (!at.isVisible()) {
        return false;
      }
    }
    return true;
  }


}
