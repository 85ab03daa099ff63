package dev.tars.desktop.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns Markdown into JavaFX nodes: paragraphs, headings, lists, quotes, emphasis, inline code and fenced code
 * blocks with a Copy button. Shared by the chat's answers and the Notes page's preview. On each (coalesced)
 * update of a streaming answer the text is parsed whole, but only the blocks whose source changed (usually the
 * last one) get new nodes: the others keep theirs, and with them their measured text.
 */
public final class MarkdownView {
  private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
  /** Key of a box's properties: the source text of each block it shows, in order. */
  private static final String SOURCES = "tars.markdown.sources";

  private final I18n i18n;

  public MarkdownView(I18n i18n) {
    this.i18n = i18n;
  }

  /** A box holding {@code markdown} rendered. */
  public VBox render(String markdown) {
    VBox box = new VBox();
    box.getStyleClass().add("markdown");
    fill(box, markdown);
    return box;
  }

  /** Replaces the content of {@code box} with {@code markdown} rendered, keeping the nodes of unchanged blocks. */
  public void fill(VBox box, String markdown) {
    String text = markdown == null ? "" : markdown;
    org.commonmark.node.Node document = PARSER.parse(text);
    List<Object> sources = new ArrayList<>();
    List<org.commonmark.node.Node> blocks = new ArrayList<>();
    boolean references = false;
    for (org.commonmark.node.Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      // A link reference definition changes how blocks elsewhere read: then nothing is kept.
      references |= n instanceof LinkReferenceDefinition;
      sources.add(source(n, text));
      blocks.add(n);
    }
    List<?> shown = box.getProperties().get(SOURCES) instanceof List<?> l && !references
        && l.size() == box.getChildren().size() ? l : List.of();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Node node = i < shown.size() && shown.get(i).equals(sources.get(i)) ? box.getChildren().get(i)
          : block(blocks.get(i));
      if (node != null) {
        nodes.add(node);
      }
    }
    replace(box.getChildren(), nodes);
    // Kept for the next update only when each block has its node, so that positions match.
    box.getProperties().put(SOURCES, nodes.size() == blocks.size() ? sources : List.of());
  }

  /** Makes {@code children} equal to {@code nodes}, touching only the places that differ. */
  private static void replace(List<Node> children, List<Node> nodes) {
    int same = 0;
    while (same < children.size() && same < nodes.size() && children.get(same) == nodes.get(same)) {
      same++;
    }
    if (same == children.size() && same == nodes.size()) {
      return;
    }
    children.subList(same, children.size()).clear();
    children.addAll(nodes.subList(same, nodes.size()));
  }

  /** The text a block was parsed from; a key equal to nothing else when the parser gave no position. */
  private static Object source(org.commonmark.node.Node block, String text) {
    List<SourceSpan> spans = block.getSourceSpans();
    if (spans == null || spans.isEmpty()) {
      return new Object();
    }
    SourceSpan first = spans.getFirst();
    SourceSpan last = spans.getLast();
    int end = Math.min(text.length(), last.getInputIndex() + last.getLength());
    return text.substring(Math.min(first.getInputIndex(), end), end);
  }

  private List<Node> blocks(org.commonmark.node.Node parent) {
    List<Node> nodes = new ArrayList<>();
    for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      Node block = block(n);
      if (block != null) {
        nodes.add(block);
      }
    }
    return nodes;
  }

  private Node block(org.commonmark.node.Node n) {
    return switch (n) {
      case Paragraph p -> flow(p, "md-paragraph");
      case Heading h -> flow(h, "md-h" + Math.min(h.getLevel(), 4));
      case BulletList list -> list(list, false, 1);
      case OrderedList list -> list(list, true, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
      case FencedCodeBlock code -> codeBlock(code.getLiteral(), code.getInfo());
      case IndentedCodeBlock code -> codeBlock(code.getLiteral(), "");
      case BlockQuote quote -> {
        VBox box = new VBox();
        box.getStyleClass().add("md-quote");
        box.getChildren().setAll(blocks(quote));
        yield box;
      }
      case ThematicBreak ignored -> new Separator();
      case HtmlBlock html -> plain(html.getLiteral());
      default -> {
        VBox box = new VBox();
        box.getChildren().setAll(blocks(n));
        yield box.getChildren().isEmpty() ? null : box;
      }
    };
  }

  private TextFlow flow(org.commonmark.node.Node container, String styleClass) {
    TextFlow flow = new TextFlow();
    flow.getStyleClass().add(styleClass);
    inlines(container, flow.getChildren(), new ArrayList<>());
    return flow;
  }

  private static TextFlow plain(String text) {
    TextFlow flow = new TextFlow(text(text.strip(), List.of()));
    flow.getStyleClass().add("md-paragraph");
    return flow;
  }

  private void inlines(org.commonmark.node.Node parent, List<Node> out, List<String> styles) {
    for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      switch (n) {
        case org.commonmark.node.Text t -> out.add(text(t.getLiteral(), styles));
        case Emphasis e -> inlines(e, out, with(styles, "md-em"));
        case StrongEmphasis s -> inlines(s, out, with(styles, "md-strong"));
        case Code c -> out.add(text(c.getLiteral(), with(styles, "md-code")));
        case Link link -> {
          int first = out.size();
          inlines(link, out, with(styles, "md-link"));
          for (Node node : out.subList(first, out.size())) {
            Tooltip.install(node, new Tooltip(link.getDestination()));
          }
        }
        case Image image -> inlines(image, out, with(styles, "md-em"));
        case SoftLineBreak ignored -> out.add(text(" ", styles));
        case HardLineBreak ignored -> out.add(text("\n", styles));
        case HtmlInline html -> out.add(text(html.getLiteral(), styles));
        default -> inlines(n, out, styles);
      }
    }
  }

  private static List<String> with(List<String> styles, String style) {
    List<String> more = new ArrayList<>(styles);
    more.add(style);
    return more;
  }

  private static Text text(String content, List<String> styles) {
    Text text = new Text(content);
    text.getStyleClass().add("md-text");
    text.getStyleClass().addAll(styles);
    return text;
  }

  private Node list(org.commonmark.node.Node list, boolean ordered, int start) {
    VBox box = new VBox();
    box.getStyleClass().add("md-list");
    int number = start;
    for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (!(item instanceof ListItem)) {
        continue;
      }
      Label marker = new Label(ordered ? number++ + "." : "•");
      marker.getStyleClass().add("md-list-marker");
      marker.setMinWidth(Region.USE_PREF_SIZE);
      VBox content = new VBox();
      content.getStyleClass().add("md-list-content");
      content.getChildren().setAll(blocks(item));
      HBox.setHgrow(content, Priority.ALWAYS);
      HBox row = new HBox(marker, content);
      row.getStyleClass().add("md-list-item");
      box.getChildren().add(row);
    }
    return box;
  }

  private Node codeBlock(String literal, String info) {
    String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    String language = info == null ? "" : info.strip().split("\\s+", 2)[0];
    Label languageLabel = new Label(language.isEmpty() ? i18n.get("chat.code") : language);
    languageLabel.getStyleClass().add("md-code-language");
    Button copy = new Button(i18n.get("action.copy"), Icons.icon(Icons.COPY, 12));
    copy.getStyleClass().addAll("flat", "small", "md-code-copy");
    copy.setFocusTraversable(false);
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(code);
      javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
      copy.setText(i18n.get("action.copied"));
      PauseTransition reset = new PauseTransition(Duration.seconds(1.5));
      reset.setOnFinished(done -> copy.setText(i18n.get("action.copy")));
      reset.play();
    });
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(languageLabel, spacer, copy);
    header.setAlignment(Pos.CENTER_LEFT);
    header.getStyleClass().add("md-code-header");
    Text text = new Text(code);
    text.getStyleClass().addAll("md-text", "md-code-text");
    TextFlow body = new TextFlow(text);
    body.getStyleClass().add("md-code-body");
    VBox block = new VBox(header, body);
    block.getStyleClass().add("md-code-block");
    return block;
  }
}
