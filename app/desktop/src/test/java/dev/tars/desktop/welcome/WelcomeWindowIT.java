package dev.tars.desktop.welcome;

import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The first start in the real window: no model yet, the welcome offers the recommended one, a click downloads
 * it from the loopback server (a failed first attempt says why and Retry fetches it, Pause and Resume work) and
 * the chat opens on it and answers.
 */
class WelcomeWindowIT extends WelcomeWindowFixture {
  @Start
  void start(Stage stage) throws Exception {
    open(stage, "en");
  }

  @Test
  void theRecommendedModelDownloadsInOneClickAndTheChatOpensOnIt(FxRobot robot) {
    waitUntil(() -> button(robot, "Download Tiny chat Q8_0 (" + offeredSize() + ", MIT)") != null);
    assertThat(button(robot, "Choose a GGUF file…")).isNotNull();
    assertThat(robot.lookup("Use a remote server instead").tryQuery()).isPresent();

    robot.clickOn(button(robot, "Download Tiny chat Q8_0 (" + offeredSize() + ", MIT)"));
    waitUntil(() -> visibleLabel(robot, "The download stopped: ") != null);
    assertThat(visibleLabel(robot, "The download stopped: ").getText()).contains("503");
    robot.clickOn(button(robot, "Retry"));

    waitUntil(() -> button(robot, "Pause") != null);
    waitUntil(() -> visibleLabel(robot, "left") != null);
    assertThat(robot.lookup(".progress-bar").queryAll().stream().anyMatch(n -> n.isVisible()
        && ((ProgressBar) n).getProgress() > 0)).isTrue();
    robot.clickOn(button(robot, "Pause"));
    waitUntil(() -> button(robot, "Resume") != null);
    robot.clickOn(button(robot, "Resume"));

    waitUntil(() -> robot.lookup(".composer-input").tryQuery().map(WelcomeWindowFixture::shown).orElse(false));
    assertThat(services.settings.get().modelPath()).endsWith("tiny.gguf");
    assertThat(route.rangeHeaders().getLast()).startsWith("bytes=");
    waitUntil(() -> engines.status().state() == dev.tars.engine.EngineStatus.State.READY);
    robot.clickOn(".composer-input").write("Hello");
    robot.type(KeyCode.ENTER);
    waitUntil(() -> shell.viewModel().chat().messagesProperty().size() == 2
        && shell.viewModel().chat().state() == dev.tars.desktop.chat.ChatViewModel.State.IDLE);
    assertThat(shell.viewModel().chat().messagesProperty().get(1).content())
        .isEqualTo("Hello from the downloaded model.");
  }
}
