package dev.tars.desktop.chat;

import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.desktop.DesktopServices;
import dev.tars.desktop.DesktopShell;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.runtime.EngineHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
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
 * Long unbroken text (URLs, hashes, code, a model's odd tokens) in the whole main window at its default size,
 * typed by the person and answered by the engine: it wraps, or scrolls inside its own box, within the message
 * column; nothing runs past the column or the window's edge.
 */
@ExtendWith(ApplicationExtension.class)
class LongTokenWindowIT {
  static final String USER_MESSAGE = "Please open https://example.org/" + "verylongpathsegment".repeat(25)
      + " and check sha256:" + "9f86d081884c7d659a2feaa0c55ad015".repeat(4) + " " + "<|im_start|>".repeat(10);

  @TempDir Path home;
  private TestServices services;
  private EngineHost engines;
  private DesktopShell shell;
  private Stage stage;

  @org.junit.jupiter.api.BeforeAll
  static void patientSetUp() {
    // Building the window on a busy 2-core machine can take longer than TestFX's 30 s.
    org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    engines = TestServices.scriptedEngines(LongTokenLayoutIT.LONG_ANSWER);
    services = new TestServices(home, engines::engine);
    services.settings.save(services.settings.get().withModelPath("/models/scripted.gguf").withLanguage("en"));
    services.settings.addListener(engines::apply);
    engines.apply(services.settings.get());
    shell = new DesktopShell(DesktopServices.chatOnly(services.chats, services.settings, engines),
        I18n.forLanguage("en"));
    shell.show(stage);
  }

  @AfterEach
  void tearDown() {
    shell.stopAnswers();
    shell.close();
    engines.close();
    services.close();
  }

  @Test
  void longTokensInAQuestionAndItsAnswerStayInsideTheMessageColumn(FxRobot robot) throws Exception {
    waitUntil(() -> robot.lookup(".composer-input").tryQuery().map(LongTokenWindowIT::shown).orElse(false));
    robot.clickOn(".composer-input");
    robot.interact(() -> ((javafx.scene.control.TextArea) robot.lookup(".composer-input").query())
        .setText(USER_MESSAGE));
    robot.type(KeyCode.ENTER);
    waitUntil(() -> shell.viewModel().chat().messagesProperty().size() == 2
        && shell.viewModel().chat().state() == ChatViewModel.State.IDLE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shell.viewModel().chat().messagesProperty().get(1).content()).isEqualTo(LongTokenLayoutIT.LONG_ANSWER);

    ScrollPane scroller = robot.lookup(".chat-scroller").queryAs(ScrollPane.class);
    Bounds viewport = scroller.localToScene(scroller.getViewportBounds());
    double right = Math.min(scroller.localToScene(scroller.getLayoutBounds()).getMaxX(), stage.getScene().getWidth());
    assertThat(scroller.getViewportBounds().getWidth()).isGreaterThan(300);
    List<String> outside = new ArrayList<>();
    collectOutside(scroller.getContent(), right, outside);
    assertThat(outside).as("nodes past the message column's right edge (%.0f)", right).isEmpty();
    assertThat(viewport.getWidth()).isLessThanOrEqualTo(stage.getScene().getWidth());

    robot.interact(() -> scroller.setVvalue(0));
    WaitForAsyncUtils.waitForFxEvents();
    screenshot("long-token-answer.png");
  }

  /**
   * Nodes whose right edge is past {@code right}. What a nested scroll pane (a code block) holds may be wider
   * than the column, since it scrolls inside its box; the box itself must fit.
   */
  private static void collectOutside(Node node, double right, List<String> outside) {
    if (!node.isVisible()) {
      return;
    }
    Bounds b = node.localToScene(node.getLayoutBounds());
    if (b.getWidth() > 0 && b.getMaxX() > right + 0.5) {
      outside.add(node.getClass().getSimpleName() + node.getStyleClass() + " ends at " + Math.round(b.getMaxX())
          + (node instanceof javafx.scene.text.Text t ? " \"" + abbreviate(t.getText()) + "\"" : "")
          + (node instanceof javafx.scene.control.Labeled l ? " \"" + abbreviate(l.getText()) + "\"" : ""));
    }
    if (node instanceof ScrollPane inner) {
      return;
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        collectOutside(child, right, outside);
      }
    }
  }

  private static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return node.getScene() != null;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Writes a PNG of the window when TARS_SCREENS names a folder. */
  private void screenshot(String name) throws Exception {
    WindowShots.save(stage.getScene().getRoot(), name);
  }
}
