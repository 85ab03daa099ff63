package dev.tars.knowledge.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.tika.detect.DefaultEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.HtmlEncodingDetector;

/**
 * Chooses the character set of an HTML or text file: a charset the file declares wins; otherwise text that is
 * valid UTF-8 is read as UTF-8; only then do Tika's statistical detectors guess. Those detectors alone read
 * short UTF-8 fragments with accents (Spanish, French, German manual pages without a {@code meta charset}) as
 * GB18030 or Big5, turning "configuración" into "configuraci贸n". Byte sequences that happen to be valid UTF-8
 * are vanishingly rare in real Latin-1 or CJK text, so the check is safe.
 */
final class Utf8FirstEncodingDetector implements EncodingDetector {
  /** How much of the file is examined; the same window Tika's own detectors read. */
  static final int SAMPLE_BYTES = 64 * 1024;

  private final EncodingDetector declared = new HtmlEncodingDetector();
  private final EncodingDetector statistical = new DefaultEncodingDetector();

  @Override
  public Charset detect(InputStream in, Metadata metadata) throws IOException {
    if (in == null) {
      return null;
    }
    Charset fromMarkup = declared.detect(in, metadata);
    if (fromMarkup != null) {
      return fromMarkup;
    }
    in.mark(SAMPLE_BYTES);
    byte[] sample;
    try {
      sample = in.readNBytes(SAMPLE_BYTES);
    } finally {
      in.reset();
    }
    if (Utf8.isValidWithNonAscii(sample, sample.length == SAMPLE_BYTES)) {
      return StandardCharsets.UTF_8;
    }
    return statistical.detect(in, metadata);
  }

  /** The checks, apart so they can be tested on bytes. */
  static final class Utf8 {
    private Utf8() {}

    /**
     * True when {@code bytes} are well-formed UTF-8 holding at least one multi-byte character (plain ASCII is
     * left to the other detectors, which read it the same anyway).
     *
     * @param truncated the bytes are a prefix of a longer stream, so a sequence cut at the end is allowed
     */
    static boolean isValidWithNonAscii(byte[] bytes, boolean truncated) {
      boolean nonAscii = false;
      int i = 0;
      while (i < bytes.length) {
        int b = bytes[i] & 0xff;
        int extra;
        int min;
        if (b < 0x80) {
          i++;
          continue;
        } else if (b >= 0xc2 && b <= 0xdf) {
          extra = 1;
          min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
          extra = 2;
          min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
          extra = 3;
          min = 0x10000;
        } else {
          return false;
        }
        if (i + extra >= bytes.length) {
          return truncated && nonAscii; // a character cut by the end of the sample
        }
        int code = b & (0x3f >> extra);
        for (int k = 1; k <= extra; k++) {
          int c = bytes[i + k] & 0xff;
          if ((c & 0xc0) != 0x80) {
            return false;
          }
          code = code << 6 | c & 0x3f;
        }
        if (code < min || code > 0x10ffff || code >= 0xd800 && code <= 0xdfff) {
          return false;
        }
        nonAscii = true;
        i += extra + 1;
      }
      return nonAscii;
    }
  }
}
