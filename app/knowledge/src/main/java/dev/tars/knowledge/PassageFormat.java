package dev.tars.knowledge;

import java.util.List;

/**
 * Renders retrieved passages as numbered sources for a chat prompt. The numbers are the passages' positions
 * in the list plus one, so an answer's {@code [2]} maps back to {@code passages.get(1)} for the citation link.
 */
public final class PassageFormat {
  private PassageFormat() {}

  /** What the model is told to do with the sources that follow it. */
  public static final String INSTRUCTION = "Answer using the numbered sources below when they are relevant, and cite"
      + " them like [1] or [2]. If they do not contain the answer, say so.";

  /** An instruction plus the numbered sources; empty when there are no passages. */
  public static String render(List<Passage> passages) {
    if (passages.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(INSTRUCTION);
    for (int i = 0; i < passages.size(); i++) {
      sb.append("\n\n").append(source(i + 1, passages.get(i)));
    }
    return sb.toString();
  }

  /** One numbered source: "[2] report.pdf, page 3" and the passage on the next line. */
  public static String source(int number, Passage p) {
    return "[" + number + "] " + label(p) + "\n" + p.text().strip();
  }

  /** Rough size of a token in characters, to fit notes into a token budget without a tokenizer. */
  static final int CHARS_PER_TOKEN = 4;

  /** One numbered note: "[3] Note: Wifi" and its text (cut to {@code maxChars}) on the next line. */
  public static String note(int number, String title, String text, int maxChars) {
    String body = text.strip();
    if (body.length() > maxChars) {
      int space = body.lastIndexOf(' ', maxChars);
      body = body.substring(0, space > maxChars / 2 ? space : maxChars) + "…";
    }
    return "[" + number + "] " + noteLabel(title) + "\n" + body;
  }

  /** "Note: Wifi": how a citation names a note. */
  public static String noteLabel(String title) {
    return "Note: " + title.strip();
  }

  /** "report.pdf, page 3" or "notes.md": how a citation names its source. */
  public static String label(Passage p) {
    String name = p.path().getFileName() == null ? p.path().toString() : p.path().getFileName().toString();
    return p.page() > 0 ? name + ", page " + p.page() : name;
  }
}
