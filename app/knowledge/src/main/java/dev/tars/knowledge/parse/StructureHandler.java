package dev.tars.knowledge.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into {@link Block}s: headings, paragraphs, list items, table rows, and page
 * boundaries ({@code div class="page"} for PDF and sheets, {@code slide-content} for slides).
 */
final class StructureHandler extends DefaultHandler {
  private static final Set<String> BLOCKS = Set.of("p", "li", "tr", "pre", "blockquote", "div", "dd", "dt",
      "caption", "section", "article", "table", "ul", "ol", "br");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private final long maxCharacters;
  private final List<Block> blocks = new ArrayList<>();
  private final Map<Integer, Integer> charsPerPage = new HashMap<>();
  private final StringBuilder text = new StringBuilder();
  private int page;
  private int headingDepth;
  private int skipDepth;
  private long total;

  StructureHandler(long maxCharacters) {
    this.maxCharacters = maxCharacters;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) {
    String name = localName.isEmpty() ? qName : localName;
    if (name.equals("head") || name.equals("script") || name.equals("style")) {
      skipDepth++;
      return;
    }
    if (name.equals("div")) {
      String cls = atts.getValue("class");
      if ("page".equals(cls) || "slide-content".equals(cls)) {
        flush();
        page++;
        return;
      }
    }
    if (HEADINGS.contains(name)) {
      flush();
      headingDepth++;
    } else if (BLOCKS.contains(name)) {
      flush();
    } else if (name.equals("td") || name.equals("th")) {
      text.append('\t');
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    String name = localName.isEmpty() ? qName : localName;
    if (name.equals("head") || name.equals("script") || name.equals("style")) {
      skipDepth--;
      return;
    }
    if (HEADINGS.contains(name)) {
      flushAs(true);
      headingDepth--;
    } else if (BLOCKS.contains(name)) {
      flush();
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (skipDepth > 0) {
      return;
    }
    total += length;
    if (total > maxCharacters) {
      throw new TooMuchTextException(maxCharacters);
    }
    text.append(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) {
    if (skipDepth == 0) {
      text.append(' ');
    }
  }

  @Override
  public void endDocument() {
    flush();
  }

  private void flush() {
    flushAs(headingDepth > 0);
  }

  private void flushAs(boolean heading) {
    String clean = Texts.normaliseWhitespace(text);
    text.setLength(0);
    if (!clean.isEmpty()) {
      blocks.add(new Block(page, heading, clean));
      charsPerPage.merge(page, clean.length(), Integer::sum);
    }
  }

  List<Block> blocks() {
    return blocks;
  }

  int pages() {
    return page;
  }

  int charactersOnPage(int p) {
    return charsPerPage.getOrDefault(p, 0);
  }

  /** Thrown from inside the parser to stop a document whose text exceeds the limit. */
  static final class TooMuchTextException extends SAXException {
    TooMuchTextException(long max) {
      super("more than " + max + " characters of text");
    }
  }
}
