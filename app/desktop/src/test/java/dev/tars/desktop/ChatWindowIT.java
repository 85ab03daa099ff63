package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.testkit.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The whole app through its window (TestFX, headless Monocle): real H2 in a temporary data home, real
 * llama.cpp in a child process on the generated tiny model.
 */
class ChatWindowIT {
  private static final long ENGINE_WAIT = 120;
  private static final String MODEL_NAME = TestModels.tiny().getFileName().toString();

  @TempDir Path home;
  @RegisterExtension final AppWindow window = new AppWindow(() -> home);
  private final FxRobot robot = new FxRobot();

  @BeforeEach
  void chooseTheTinyModel() throws Exception {
    // One thread keeps the tiny model slow enough to be stopped by hand.
    window.settings(settings -> settings.withModelPath(TestModels.tiny().toString()).withLocalEngine(2048, 1)
        .withLanguage("en"));
  }

  @Test
  void aStoppedAnswerIsStillThereMarkedStoppedAfterTheAppIsReopened() throws Exception {
    window.startOnSettingsEngine();
    waitForEngineReady();
    assertThat(window.stage().getIcons()).as("the window's icon (the installer's tars.png)").isNotEmpty();

    robot.clickOn(".composer-input").write("Hello there, tell me a long story");
    robot.type(KeyCode.ENTER);
    waitUntil(30, () -> lastAnswerText().length() > 3);
    robot.type(KeyCode.ESCAPE);
    waitUntil(30, () -> lastStatusBadge().equals("Stopped"));
    String partial = fx(this::lastAnswerText);
    assertThat(partial).isNotBlank();
    assertThat(fx(() -> robot.lookup(".composer-input").query().getScene() != null)).isTrue();

    window.close();
    window.startOnSettingsEngine();

    waitUntil(30, () -> conversationTitles().size() == 1);
    assertThat(fx(this::conversationTitles)).containsExactly("Hello there, tell me a long story");
    // The list's items come before its cells: the first layout pass after the items arrive makes them.
    waitUntil(30, () -> robot.lookup(".conversation-cell").match(Node::isVisible).tryQuery().isPresent());
    robot.clickOn(".conversation-cell");
    waitUntil(30, () -> lastStatusBadge().equals("Stopped"));
    assertThat(fx(this::lastAnswerText)).isEqualTo(partial);
    // Voice is the runtime's (VoiceSystem) and reaches the chat only through its hooks: the mic in the composer,
    // "Read aloud" under the answer.
    assertThat(fx(() -> robot.lookup("#mic-button").tryQuery().isPresent())).isTrue();
    assertThat(fx(() -> robot.lookup(".speaker-button").queryAll().size())).isEqualTo(1);
  }

  @Test
  void whenTheEngineDiesMidAnswerTheUiStaysUpKeepsThePartialAnswerAndAnswersTheNextMessage() throws Exception {
    window.startOnSettingsEngine();
    waitForEngineReady();

    robot.clickOn(".composer-input").write("Write a lot please");
    robot.type(KeyCode.ENTER);
    waitUntil(30, () -> lastAnswerText().length() > 3);
    ProcessHandle engine = engineProcess().orElseThrow();
    engine.destroyForcibly();

    waitUntil(30, () -> lastStatusBadge().equals("Interrupted"));
    assertThat(window.stage().isShowing()).isTrue();
    waitForEngineReady();

    robot.clickOn(".composer-input").write("Are you back?");
    robot.type(KeyCode.ENTER);
    waitUntil(ENGINE_WAIT, () -> answerCards() == 2 && lastAnswerText().length() > 0
        && robot.lookup(".composer-button").queryAll().stream().anyMatch(b -> b.isVisible()
            && b.getStyleClass().contains("accent")));
    assertThat(engineProcess()).isPresent().get().isNotEqualTo(engine);

    window.close();
    try (TestServices stored = new TestServices(home, TestServices.NO_MODEL)) {
      long id = stored.chats.conversations("").getFirst().id();
      List<Message> messages = stored.chats.messages(id);
      assertThat(messages).extracting(Message::role)
          .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
      assertThat(messages.get(1).status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(messages.get(1).content()).isNotEmpty();
      assertThat(messages.get(3).status()).isIn(MessageStatus.COMPLETE, MessageStatus.STREAMING,
          MessageStatus.STOPPED);
    }
  }

  /** The engine child, known by its main class. */
  private static Optional<ProcessHandle> engineProcess() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.isAlive() && commandLine(p).contains("dev.tars.llama.EngineServer"))
        .findFirst();
  }

  /** The JDK gives up on very long command lines (the child's classpath), so read Linux's own copy first. */
  private static String commandLine(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return process.info().commandLine().orElse("");
    }
  }

  private void waitForEngineReady() throws Exception {
    waitUntil(ENGINE_WAIT, () -> {
      // Until the services are open the window shows the start-up view, which has no engine dot.
      Optional<Node> dot = robot.lookup(".engine-dot").tryQuery();
      if (dot.isEmpty()) {
        return false;
      }
      Label label = robot.lookup(".engine-label").queryAs(Label.class);
      return MODEL_NAME.equals(label.getText()) && dot.get().isVisible()
          && dot.get().getStyleClass().contains("state-ready");
    });
  }

  private String lastAnswerText() {
    Set<Node> bodies = robot.lookup(".assistant-body").queryAll();
    if (bodies.isEmpty()) {
      return "";
    }
    Node last = bodies.stream().reduce((a, b) -> b).orElseThrow();
    return texts(last);
  }

  private int answerCards() {
    return robot.lookup(".assistant-card").queryAll().size();
  }

  private String lastStatusBadge() {
    Set<Node> badges = robot.lookup(".status-badge").queryAll();
    return badges.stream().reduce((a, b) -> b).filter(Node::isVisible).map(n -> ((Label) n).getText()).orElse("");
  }

  @SuppressWarnings("unchecked")
  private List<String> conversationTitles() {
    // Empty while the start-up view shows (it has no conversation list yet).
    return robot.lookup(".conversation-list").tryQuery().map(n -> ((ListView<Object>) n).getItems().stream()
        .map(Object::toString).toList()).orElse(List.of());
  }

  private static String texts(Node node) {
    if (node instanceof Text text) {
      return text.getText();
    }
    if (node instanceof Parent parent) {
      return parent.getChildrenUnmodifiable().stream().map(ChatWindowIT::texts).collect(Collectors.joining());
    }
    return "";
  }
}
