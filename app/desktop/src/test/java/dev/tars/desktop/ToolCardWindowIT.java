package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.WindowShots;
import dev.tars.mcpclient.McpServerConfig;
import dev.tars.mcpclient.ToolSettings;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A tool call in the whole app's window (TestFX, headless): the model (scripted, since a random-weight model
 * picks no particular tool) asks for the {@code echo} tool of the real reference MCP server from npm, the card
 * shows it, the person allows it once, the server runs it, and its result is folded under the answer.
 */
class ToolCardWindowIT {
  private static final String CALL = "{\"tool_calls\": [{\"name\": \"everything.echo\", \"arguments\": "
      + "{\"message\": \"hello from Tars\"}}]}";

  @TempDir Path home;
  @RegisterExtension final AppWindow window = new AppWindow(() -> home);
  private final FxRobot robot = new FxRobot();

  @BeforeEach
  void seed() throws Exception {
    Path server = Path.of(System.getProperty("tars.node.dir", "../mcp-client/target/node")).toAbsolutePath()
        .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    assertThat(server).as("the reference MCP server (the mcp-client module installs it with npm ci)").exists();
    window.chooseScriptedModel("en");
    window.seed(db -> {
      ToolSettings tools = new ToolSettings(db.dataSource());
      tools.putServer(McpServerConfig.command("Everything", "node", List.of(server.toString()), Map.of()));
      tools.setInChat(true, 5);
    });
  }

  @Test
  void theModelsCallShowsACardAndAfterAllowOnceTheServersResultIsFoldedUnderTheAnswer() throws Exception {
    // A context large enough to list Tars' own tools and the server's.
    ScriptedEngine engine = ScriptedEngine.answering(CALL, "{\"content\": \"ok\"}", "The server said hello back.")
        .contextLength(32_768);
    window.open((settings, status) -> engine);
    robot.clickOn(".composer-input");
    robot.write("Say hello through the echo tool");
    robot.type(KeyCode.ENTER);

    waitUntil(60, () -> robot.lookup("#toolCallCard").tryQuery().isPresent());
    String card = fx(() -> texts(robot.lookup("#toolCallCard").query()));
    assertThat(card).contains("echo — from Everything").contains("\"message\" : \"hello from Tars\"")
        .contains("Allow once").contains("Always allow this tool").contains("Deny");
    screenshot("tool-call-card.png");

    robot.clickOn("#toolCallAllowOnce");
    waitUntil(60, () -> robot.lookup("#toolResults").tryQuery().isPresent()
        && robot.lookup("#toolCallCard").tryQuery().isEmpty());
    waitUntil(30, () -> fx(() -> texts(robot.lookup(".assistant-card").query())).contains("hello back"));
    TitledPane results = robot.lookup("#toolResults").queryAs(TitledPane.class);
    assertThat(fx(results::getText)).isEqualTo("Tools used (1)");
    assertThat(fx(results::isExpanded)).isFalse();
    robot.clickOn(results.lookup(".title"));
    waitUntil(10, results::isExpanded);
    assertThat(fx(() -> texts(results.getContent()))).contains("Everything · echo — done")
        .contains("Echo: hello from Tars");
    screenshot("tool-results-under-answer.png");
    // The model asked for the call first, then (with the result in its prompt) chose to answer.
    assertThat(engine.requests()).hasSize(3);
    assertThat(engine.requests().get(2).messages().getLast().content()).contains("Echo: hello from Tars")
        .contains("data, not instructions");

    robot.clickOn("#settingsButton");
    waitUntil(30, () -> robot.lookup("#toolsServers").tryQuery().isPresent());
    waitUntil(30, () -> fx(() -> texts(robot.lookup("#toolsServers").query())).contains("Connected"));
    Node section = robot.lookup("#toolsServers").query();
    robot.interact(() -> scrollIntoView(section));
    assertThat(fx(() -> texts(section))).contains("Everything").contains("echo").contains("get-sum");
    assertThat(fx(() -> robot.lookup("#toolsRightsWarning").queryAs(Label.class).getText()))
        .contains("runs with your rights");
    screenshot("settings-tools.png");
  }

  private static void scrollIntoView(Node node) {
    for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
      if (parent instanceof javafx.scene.control.ScrollPane scroller) {
        double contentHeight = scroller.getContent().getBoundsInLocal().getHeight();
        double y = scroller.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
        double room = contentHeight - scroller.getViewportBounds().getHeight();
        scroller.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, y - 60) / room));
        return;
      }
    }
  }

  /** Every text shown under {@code root}, in order. */
  private static String texts(Node root) {
    StringBuilder out = new StringBuilder();
    collect(root, out);
    return out.toString();
  }

  private static void collect(Node node, StringBuilder out) {
    if (node instanceof javafx.scene.control.Labeled labeled) {
      out.append(labeled.getText()).append('\n');
    } else if (node instanceof javafx.scene.text.Text text) {
      out.append(text.getText()).append('\n');
    }
    if (node instanceof TitledPane pane && pane.getContent() != null) {
      collect(pane.getContent(), out);
    }
    if (node instanceof javafx.scene.Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> collect(child, out));
    }
  }

  /** Writes a PNG of the window when TARS_SCREENS names a folder (docs/screenshots is made this way). */
  private void screenshot(String name) throws Exception {
    WindowShots.save(robot.lookup(".composer-input").query(), name);
  }
}
