package dev.tars.desktop;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.Conversation;
import dev.tars.chat.ConversationStore;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.Passage;
import dev.tars.knowledge.PassageReference;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Answering from documents through the whole app's window (TestFX, headless): real H2, real document index and
 * embedder; the chat model is scripted.
 */
class DocumentAnswersWindowIT {
  private static final String OWLS = "Owls can rotate their heads about 270 degrees because their necks have"
      + " fourteen vertebrae, twice as many as people have.";

  @TempDir Path home;
  @RegisterExtension final AppWindow window = new AppWindow(() -> home);
  private final FxRobot robot = new FxRobot();

  /** An indexed document and a conversation whose answer cites it (and used a memory), as a past run left them. */
  @BeforeEach
  void seed() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("birds.md"), "# Garden birds\n\nRobins sing at dawn.\n\n# Owls\n\n"
        + "Owls hunt at night and see well in the dark. " + OWLS + " Their feathers make almost no sound in flight."
        + "\n\n# Swifts\n\nSwifts sleep while flying.");
    window.chooseScriptedModel("en");
    window.seed(db -> {
      try (KnowledgeBase knowledge = KnowledgeBase.open(window.paths(), db.dataSource(), "eng")) {
        knowledge.service().add("Nature", List.of(docs));
        knowledge.service().start();
        assertThat(knowledge.service().awaitIdle(Duration.ofSeconds(60))).isTrue();
        Passage owls = knowledge.service().search("owl neck vertebrae", List.of(), 1).getFirst();
        ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
        Conversation conversation = store.create("Owl necks", "", Sampling.DEFAULTS);
        store.addMessage(conversation.id(), Role.USER, "Why can owls turn their heads so far?", MessageStatus.COMPLETE);
        Message answer = store.addMessage(conversation.id(), Role.ASSISTANT,
            "Their necks have fourteen vertebrae [1].", MessageStatus.COMPLETE);
        store.addSources(answer.id(), List.of(
            new AnswerSource("knowledge", "[1] birds.md", PassageReference.of(owls).toString()),
            new AnswerSource("memory", "Likes birds", "memory:1")));
      }
    });
  }

  @Test
  void aStoredAnswersCitationOpensItsPassageAndCtrlDAnswersANewQuestionFromDocuments() throws Exception {
    window.open((settings, status) -> new ScriptedEngine("Owls have many neck bones.", 5));

    waitUntil(60, () -> !robot.lookup(".conversation-cell").queryAll().isEmpty());
    robot.clickOn("Owl necks");
    waitUntil(30, () -> !robot.lookup(".citation-chip").queryAll().isEmpty());
    assertThat(fx(() -> robot.lookup(".citation-chip").queryAs(Button.class).getText())).isEqualTo("[1] birds.md");
    assertThat(fx(() -> robot.lookup(".answer-used").queryAs(Label.class).getText())).isEqualTo("Used: 1 memory");

    robot.clickOn(".citation-chip");
    waitUntil(30, () -> robot.lookup("#passageText").tryQuery().map(n -> !((Text) n).getText().isEmpty())
        .orElse(false));
    assertThat(fx(() -> robot.lookup("#passageText").queryAs(Text.class).getText())).contains(OWLS);
    assertThat(fx(() -> robot.lookup("#passageFile").queryAs(Label.class).getText())).isEqualTo("birds.md");
    // The marker covers the sentence that answered, not the whole passage.
    double marked = fx(() -> robot.lookup(".passage-highlight").queryAs(javafx.scene.shape.Path.class)
        .getBoundsInLocal().getHeight());
    double passageHeight = fx(() -> robot.lookup("#passageText").queryAs(Text.class).getBoundsInParent().getHeight());
    assertThat(marked).isPositive().isLessThan(passageHeight);
    screenshot("chat-passage-view-sentence.png");
    assertThat(fx(() -> robot.lookup("#openFileButton").queryAs(Button.class).isDisabled())).isFalse();
    Files.move(home.resolve("docs/birds.md"), home.resolve("birds-moved.md"));
    robot.clickOn("#openFileButton");
    waitUntil(10, () -> robot.lookup(".passage-message").queryAs(Label.class).getText()
        .contains("is not there any more"));
    robot.clickOn("Close");

    robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
    robot.clickOn(".composer-input");
    robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
    waitUntil(10, () -> robot.lookup("#documentsToggle").queryAs(ToggleButton.class).isSelected());
    robot.write("How many vertebrae does an owl neck have?");
    robot.type(KeyCode.ENTER);

    // One chip per passage given to the model; the document's three sections are three passages now.
    waitUntil(60, () -> !robot.lookup(".citation-chip").queryAll().isEmpty()
        && robot.lookup(".assistant-card").queryAll().size() == 1);
    assertThat(fx(() -> robot.lookup(".citation-chip").queryAs(Button.class).getText())).isEqualTo("[1] birds.md");
    assertThat(fx(() -> robot.lookup("#documentsToggle").queryAs(ToggleButton.class).isSelected())).isTrue();
  }

  /** Writes a PNG of the passage dialog when TARS_SCREENS names a folder (docs/screenshots is made this way). */
  private void screenshot(String name) throws Exception {
    WindowShots.save(robot.lookup("#passageText").query(), name);
  }
}
