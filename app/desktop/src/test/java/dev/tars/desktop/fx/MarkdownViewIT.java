package dev.tars.desktop.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A streaming answer's Markdown updated piece by piece: the blocks that are done keep their nodes (so their text
 * is not measured again on every update), and the result is what rendering the whole text at once gives.
 */
@ExtendWith(ApplicationExtension.class)
class MarkdownViewIT {
  private static final String ANSWER = """
      # Plan

      First a paragraph with **bold** and `code`.

      1. one
      2. two

      ```java
      int x = 1;
      ```

      > a quote

      Setext turns into a heading
      ---
      The end.""";

  private MarkdownView markdown;

  @Start
  void start(Stage stage) {
    markdown = new MarkdownView(I18n.forLanguage("en"));
  }

  @Test
  void streamingKeepsTheNodesOfFinishedBlocksAndEndsLikeAWholeRender() throws Exception {
    FxWait.fx(() -> {
      VBox streamed = new VBox();
      Node heading = null;
      for (int end = 1; end <= ANSWER.length(); end++) {
        markdown.fill(streamed, ANSWER.substring(0, end));
        if (end == ANSWER.indexOf("First")) {
          heading = streamed.getChildren().getFirst();
        }
      }
      assertThat(streamed.getChildren().getFirst()).as("the heading's node, made once").isSameAs(heading);
      assertThat(blocks(streamed)).isEqualTo(blocks(markdown.render(ANSWER)));
      assertThat(blocks(streamed)).contains("md-h1", "md-h2", "md-code-block", "md-quote", "Setext turns");

      Node paragraph = streamed.getChildren().get(1);
      markdown.fill(streamed, ANSWER + " More words.");
      assertThat(streamed.getChildren().get(1)).as("an unchanged paragraph keeps its node").isSameAs(paragraph);
      return null;
    });
  }

  @Test
  void aLinkDefinedLaterTurnsAnEarlierParagraphIntoALink() throws Exception {
    FxWait.fx(() -> {
      VBox box = new VBox();
      markdown.fill(box, "See [the docs][d].\n\n");
      assertThat(blocks(box)).doesNotContain("md-link");
      markdown.fill(box, "See [the docs][d].\n\n[d]: https://example.org\n");
      assertThat(blocks(box)).contains("md-link")
          .isEqualTo(blocks(markdown.render("See [the docs][d].\n\n[d]: https://example.org\n")));
      markdown.fill(box, "");
      assertThat(box.getChildren()).isEmpty();
      return null;
    });
  }

  /** What a box of Markdown shows, as text (the box's own style is left out). */
  private static String blocks(VBox box) {
    StringBuilder out = new StringBuilder();
    box.getChildren().forEach(c -> out.append(dump(c)).append('\n'));
    return out.toString();
  }

  /** The tree as text: node kinds, style classes and texts, in order. */
  private static String dump(Node node) {
    StringBuilder out = new StringBuilder(node.getClass().getSimpleName()).append(node.getStyleClass());
    if (node instanceof Text t) {
      out.append('"').append(t.getText()).append('"');
    } else if (node instanceof Labeled l) {
      out.append('"').append(l.getText()).append('"');
    }
    if (node instanceof Parent p) {
      List<Node> children = p.getChildrenUnmodifiable();
      out.append('(');
      children.forEach(c -> out.append(dump(c)).append(','));
      out.append(')');
    }
    return out.toString();
  }
}
