package dev.tars.knowledge.parse;

/** Small text helpers shared by the parsers. */
final class Texts {
  private Texts() {}

  /** Collapses runs of spaces/tabs, keeps single line breaks, trims, drops control characters. */
  static String normaliseWhitespace(CharSequence in) {
    StringBuilder out = new StringBuilder(in.length());
    boolean space = false;
    boolean newline = false;
    for (int i = 0; i < in.length(); i++) {
      char c = in.charAt(i);
      if (c == '\n' || c == '\r' || c == '\f') {
        newline = true;
      } else if (Character.isWhitespace(c) || c == '\u00a0') {
        space = true;
      } else if (Character.isISOControl(c) || c == '\ufffd') {
        space = true;
      } else {
        if (out.length() > 0) {
          if (newline) {
            out.append('\n');
          } else if (space) {
            out.append(' ');
          }
        }
        newline = false;
        space = false;
        out.append(c);
      }
    }
    return out.toString();
  }
}
