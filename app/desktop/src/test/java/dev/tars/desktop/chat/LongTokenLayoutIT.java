package dev.tars.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An answer full of long unbroken tokens stays inside the message column, laid out as the chat lays it out. */
@ExtendWith(ApplicationExtension.class)
class LongTokenLayoutIT {
  static final String LONG_ANSWER = """
      Here is the link: https://example.org/a/very/long/path/that/never/breaks/%s?query=%s
      
      And the hash `%s` plus odd tokens %s
      
      ```
      %s
      ```
      """.formatted("segment".repeat(20), "x".repeat(80), "0123456789abcdef".repeat(8), "<|im_end|>".repeat(12),
      "let value = compute(" + "argument_".repeat(30) + ");");

  @TempDir static Path dir;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(NamedThreads.named("chat-layout-test"));
  private TestServices services;
  private ChatViewModel chat;
  private ChatView view;

  @Start
  void start(Stage stage) {
    services = new TestServices(dir, () -> new ScriptedEngine(LONG_ANSWER, 0));
    chat = new ChatViewModel(services.chats, new Background(executor, new FxUiDispatcher()), I18n.forLanguage("en"),
        new Notices(), id -> { });
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    view = new ChatView(chat, I18n.forLanguage("en"));
    Scene scene = new Scene(view.root(), 640, 700);
    scene.getStylesheets().add(ChatView.class.getResource("/dev/tars/desktop/tars.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    services.close();
  }

  @Test
  void longUnbrokenTokensStayInsideTheMessageColumn(FxRobot robot) throws Exception {
    robot.interact(() -> {
      chat.inputProperty().set("Please open https://example.org/" + "verylongpathsegment".repeat(25));
      chat.send();
    });
    WaitForAsyncUtils.waitForFxEvents();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (chat.state() != ChatViewModel.State.IDLE && System.nanoTime() < deadline) {
      WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
    }
    WaitForAsyncUtils.waitForFxEvents();
    ScrollPane scroller = robot.lookup(".chat-scroller").queryAs(ScrollPane.class);
    double viewport = scroller.getViewportBounds().getWidth();
    assertThat(chat.state()).isEqualTo(ChatViewModel.State.IDLE);
    assertThat(chat.messagesProperty()).hasSize(2);
    assertThat(chat.messagesProperty().get(1).content()).isEqualTo(LONG_ANSWER);
    assertThat(viewport).isGreaterThan(100);
    Node column = scroller.getContent();
    assertThat(column.getLayoutBounds().getWidth()).isLessThanOrEqualTo(viewport + 0.5);
    assertInside(column, column, viewport);
    robot.interact(() -> scroller.setVvalue(0));
    WaitForAsyncUtils.waitForFxEvents();
    screenshot("long-token-answer.png");
  }

  /** Writes a PNG of the chat when TARS_SCREENS names a folder. */
  private void screenshot(String name) throws Exception {
    WindowShots.save(view.root(), name);
  }

  private static void assertInside(Node node, Node column, double viewport) {
    Bounds inColumn = column.sceneToLocal(node.localToScene(node.getLayoutBounds()));
    assertThat(inColumn.getMaxX()).as("right edge of %s", node).isLessThanOrEqualTo(viewport + 0.5);
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        assertInside(child, column, viewport);
      }
    }
  }
}
