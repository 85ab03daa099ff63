package dev.tars.knowledge.ocr;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Random and structured inputs for the OCR protocol's fuzz tests: hostile file names and broken messages. */
final class OcrFuzzInputs {
  /** File names people (or attackers) actually produce: breaks, the protocol's own words, odd scripts. */
  static final List<String> HOSTILE_NAMES = List.of(
      "first\nline.png", "cr\rreturn.png", "crlf\r\nname.png", "\n", "\n\n\n.png", "tab\tname.png",
      OcrProtocol.PREFIX + "1 OK aGk=.png", "x\n" + OcrProtocol.PREFIX + "2 OK aGk=\n.png", "@@tars-ocr .png",
      "línea\u2028sep\u2029aración.png", "名前 テスト.png", "emoji \uD83D\uDCF7.png", " leading space.png",
      "trailing space .png", "-dash.png", "--option.png", "back\\slash.png", "quote\"'`.png", "$(id).png",
      "%s%n%x.png", "semi;colon|pipe&amp.png", "dGV4dA==.png", "a".repeat(250) + ".png", "\u0001\u0002\u0007.png",
      "\u007f\u0085.png", "zero\u200bwidth.png");

  private OcrFuzzInputs() {}

  static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind < 4) {
        text.append((char) random.nextInt(0x20, 0x7f));
      } else if (kind < 6) {
        text.append("\n\r\t\u0000 @".charAt(random.nextInt(6)));
      } else if (kind < 8) {
        text.appendCodePoint(random.nextInt(0xa0, 0xd7ff));
      } else if (kind < 9) {
        text.appendCodePoint(random.nextInt(0x10000, 0x10ffff));
      } else {
        text.append((char) random.nextInt(0, 0x10000));
      }
    }
    return text.toString();
  }

  /** A name that can exist on Linux: no slash, no NUL, at most 255 bytes. */
  static String randomFileName(Random random) {
    if (random.nextInt(3) == 0) {
      return HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size()));
    }
    String name = randomText(random, 1 + random.nextInt(40)).replace('/', '_').replace('\u0000', '_');
    name = utf8RoundTrip(name);
    while (name.getBytes(StandardCharsets.UTF_8).length > 250) {
      name = name.substring(0, name.length() / 2);
    }
    return name.isEmpty() || name.equals(".") || name.equals("..") ? "x" : name;
  }

  /**
   * Lines shaped like requests but broken in one way or another, or plain noise; never a valid read request
   * under a number other than the reserved 0 (the child would rightly read it).
   */
  static String randomRequestLikeLine(Random random) {
    String prefix = OcrProtocol.PREFIX;
    return switch (random.nextInt(10)) {
      case 0 -> randomText(random, random.nextInt(300));
      case 1 -> prefix + "-" + random.nextInt(1000) + " READ " + OcrProtocol.encode("/a.png");
      case 2 -> prefix + random.nextInt(1000) + " " + randomText(random, 5) + " aGk=";
      case 3 -> prefix + "0 READ " + OcrProtocol.encode(randomText(random, 30)).substring(1);
      case 4 -> prefix + "0 READ " + OcrProtocol.encode("/tmp/x.png");
      case 5 -> prefix + random.nextInt(1000) + " OK " + OcrProtocol.encode("answer in the wrong direction");
      case 6 -> prefix.repeat(1 + random.nextInt(5));
      case 7 -> prefix + random.nextInt(1000) + " READ";
      case 8 -> prefix + random.nextInt(1000) + "  READ " + OcrProtocol.encode("/a.png");
      default -> "9".repeat(random.nextInt(40)) + " " + prefix + "x READ aGk=";
    };
  }

  static String utf8RoundTrip(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
