package dev.tars.chat;

/** Short conversation titles made from what the person first wrote. */
final class Titles {
  private static final int MAX_WORDS = 6;
  private static final int MAX_CHARS = 60;

  private Titles() {}

  static String fromFirstMessage(String text) {
    String[] words = text.strip().split("\\s+");
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < words.length && i < MAX_WORDS; i++) {
      if (title.length() + words[i].length() + 1 > MAX_CHARS) {
        break;
      }
      if (!title.isEmpty()) {
        title.append(' ');
      }
      title.append(words[i]);
    }
    if (title.isEmpty()) {
      title.append(text.strip(), 0, Math.min(MAX_CHARS, text.strip().length()));
    }
    boolean shortened = title.length() < text.strip().length();
    return shortened ? title + "…" : title.toString();
  }
}
