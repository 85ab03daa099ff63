package dev.tars.knowledge.parse;

import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.document.NotIndexedReason.Key;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Files read as text rather than through Tika (plain text, Markdown, source code): strictly decoded, checked
 * for being a document rather than machine data, and cut into paragraphs (and Markdown headings).
 */
final class PlainText {
  private PlainText() {}

  /** A text, Markdown or source file as blocks: paragraphs, and Markdown's headings. */
  static ParsedDocument parse(Path file, String type) throws DocumentRejectedException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.UNREADABLE, e.getMessage()), e);
    }
    String text = decodeText(bytes);
    int longest = longestLine(text);
    if (longest > DocumentParser.MAX_LINE_CHARACTERS) {
      throw DocumentRejectedException.of(Key.LINE_TOO_LONG, longest);
    }
    if (text.length() > DocumentParser.MAX_CHARACTERS) {
      throw DocumentRejectedException.of(Key.TOO_MUCH_TEXT);
    }
    boolean markdown = type.equals("text/x-web-markdown") || type.equals("text/markdown")
        || file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown)$");
    List<Block> blocks = markdown ? markdownBlocks(text) : paragraphs(text, 0);
    if (blocks.isEmpty()) {
      throw DocumentRejectedException.of(Key.BLANK);
    }
    return new ParsedDocument(markdown ? "text/markdown" : type, blocks, 0, 0);
  }

  /** Strict: UTF-8 (BOM optional) or UTF-16 with a BOM; binary content and broken encodings are refused. */
  static String decodeText(byte[] bytes) throws DocumentRejectedException {
    Charset charset = StandardCharsets.UTF_8;
    int offset = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      offset = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
      offset = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      offset = 2;
    }
    if (charset == StandardCharsets.UTF_8) {
      int sample = Math.min(bytes.length, 64 * 1024);
      int controls = 0;
      for (int i = offset; i < sample; i++) {
        int b = bytes[i] & 0xff;
        if (b == 0) {
          throw DocumentRejectedException.of(Key.BINARY_AS_TEXT);
        }
        if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b) {
          controls++;
        }
      }
      if (controls > sample / 100 + 8) {
        throw DocumentRejectedException.of(Key.BINARY_AS_TEXT);
      }
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    try {
      CharBuffer chars = decoder.decode(in);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.BAD_ENCODING, charset.displayName(Locale.ROOT),
          in.position()), e);
    }
  }

  private static int longestLine(String text) {
    int longest = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        longest = Math.max(longest, i - start);
        start = i + 1;
      }
    }
    return longest;
  }

  /** Paragraphs are separated by blank lines. */
  static List<Block> paragraphs(String text, int page) {
    List<Block> out = new ArrayList<>();
    for (String para : text.split("\\r?\\n[ \\t]*\\r?\\n")) {
      String clean = Texts.normaliseWhitespace(para);
      if (!clean.isEmpty()) {
        out.add(new Block(page, false, clean));
      }
    }
    return out;
  }

  static List<Block> markdownBlocks(String text) {
    List<Block> out = new ArrayList<>();
    StringBuilder para = new StringBuilder();
    boolean fence = false;
    for (String line : text.split("\\r?\\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        fence = !fence;
      }
      boolean heading = !fence && line.matches("^#{1,6}\\s+.*");
      if (heading || line.isBlank() && !fence) {
        addParagraph(out, para);
        if (heading) {
          out.add(new Block(0, true, line.replaceFirst("^#{1,6}\\s+", "").strip()));
        }
      } else {
        para.append(line).append('\n');
      }
    }
    addParagraph(out, para);
    return out;
  }

  private static void addParagraph(List<Block> out, StringBuilder para) {
    String clean = Texts.normaliseWhitespace(para);
    para.setLength(0);
    if (!clean.isEmpty()) {
      out.add(new Block(0, false, clean));
    }
  }
}
