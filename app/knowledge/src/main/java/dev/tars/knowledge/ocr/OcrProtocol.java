package dev.tars.knowledge.ocr;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The OCR child's wire format, written once for both sides ({@link ChildProcessOcr} and {@link OcrWorkerMain}).
 *
 * <p>Every message is one line of printable ASCII: {@code @@tars-ocr <number> <VERB> [<base64>]}. File names and
 * recognised text travel base64-encoded, so no byte in them (a new line, a carriage return, the prefix itself)
 * can end a message early or start another one. The number binds an answer to its request: the parent never
 * takes an answer whose number is not the one it asked with. A line the child cannot parse is answered with
 * {@code BAD} under number 0, which no request uses.
 */
final class OcrProtocol {
  static final String PREFIX = "@@tars-ocr ";
  /** The child's answer when it is ready for requests. */
  static final long READY_NUMBER = 0;
  /** Longest request line the child reads: a path of a few thousand bytes, base64-encoded, fits many times. */
  static final int MAX_REQUEST_BYTES = 64 * 1024;
  private static final int MAX_NUMBER_DIGITS = 18;

  enum Verb {
    /** Child to parent, once at start. */
    READY,
    /** Parent to child: read the image whose path is the payload. */
    READ,
    /** Child to parent: the payload is the recognised text. */
    OK,
    /** Child to parent: the payload says why this image could not be read. */
    ERR,
    /** Child to parent: the request line was not a valid message; the payload says why. */
    BAD
  }

  record Message(long number, Verb verb, String payload) {
    Message {
      if (number < 0) {
        throw new IllegalArgumentException("negative message number " + number);
      }
      payload = payload == null ? "" : payload;
    }
  }

  private OcrProtocol() {}

  /** The request line (without its final new line) for reading {@code image}. */
  static String readRequest(long number, Path image) {
    return format(new Message(number, Verb.READ, image.toAbsolutePath().toString()));
  }

  static String format(Message message) {
    String line = PREFIX + message.number() + " " + message.verb().name();
    return message.payload().isEmpty() ? line : line + " " + encode(message.payload());
  }

  /**
   * The message in {@code line}, or empty when the line is not one (stray output of native code, garbage).
   * Text before the prefix on the same line is ignored: native code may print without ending its line.
   */
  static Optional<Message> parse(String line) {
    int start = line.lastIndexOf(PREFIX);
    if (start < 0) {
      return Optional.empty();
    }
    String[] parts = line.substring(start + PREFIX.length()).split(" ", -1);
    if (parts.length < 2 || parts.length > 3 || !isNumber(parts[0])) {
      return Optional.empty();
    }
    Verb verb;
    try {
      verb = Verb.valueOf(parts[1]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String payload = "";
    if (parts.length == 3) {
      try {
        payload = decode(parts[2]);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (payload.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(new Message(Long.parseLong(parts[0]), verb, payload));
  }

  private static boolean isNumber(String text) {
    if (text.isEmpty() || text.length() > MAX_NUMBER_DIGITS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Strict: a malformed payload is an {@link IllegalArgumentException}, never a guess. */
  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
