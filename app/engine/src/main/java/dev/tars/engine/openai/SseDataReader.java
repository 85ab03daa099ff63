package dev.tars.engine.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code data:} fields of a Server-Sent Events stream, in order, each handed on as soon as its line has ended.
 * Lines end with LF, CRLF or CR; other fields, comments and blank lines are skipped. Works on bytes and decodes
 * only a data field's own bytes, so a character or a line split across reads comes out whole.
 */
final class SseDataReader {
  /** A larger event is refused rather than buffered without end. */
  static final int MAX_LINE = 8 << 20;
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private byte[] buffer = new byte[8192];
  private int start;
  private int end;
  /** The previous line ended with CR at the end of the buffer: an LF that follows belongs to it. */
  private boolean skipLf;

  SseDataReader(InputStream in) {
    this.in = in;
  }

  /** The next data field's value (trimmed, as the field's text), or null when the stream has ended. */
  String next() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = start + scanned; i < end; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          int lineStart = start;
          start = i + 1;
          if (b == '\r') {
            if (start < end) {
              if (buffer[start] == '\n') {
                start++;
              }
            } else {
              skipLf = true;
            }
          }
          String data = data(lineStart, i);
          if (data != null) {
            return data;
          }
          scanned = 0;
          i = start - 1;
        }
      }
      scanned = end - start;
      if (!fill()) {
        // A last line without its line end still counts, as for BufferedReader.
        int lineStart = start;
        start = end;
        return lineStart < end ? data(lineStart, end) : null;
      }
    }
  }

  /** The data field's value of the line {@code [from, to)}, or null when the line is something else. */
  private String data(int from, int to) {
    if (to - from < DATA.length || !Arrays.equals(buffer, from, from + DATA.length, DATA, 0, DATA.length)) {
      return null;
    }
    int s = from + DATA.length;
    int e = to;
    while (s < e && (buffer[s] & 0xff) <= ' ') {
      s++;
    }
    while (e > s && (buffer[e - 1] & 0xff) <= ' ') {
      e--;
    }
    return new String(buffer, s, e - s, StandardCharsets.UTF_8);
  }

  /** Reads more bytes after those not yet consumed; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      if (buffer.length >= MAX_LINE) {
        throw new IOException("the server sent an event longer than " + (MAX_LINE >> 20) + " MiB");
      }
      buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE, buffer.length * 2));
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      return false;
    }
    end += n;
    if (skipLf && end > start) {
      skipLf = false;
      if (buffer[start] == '\n') {
        start++;
      }
    }
    return true;
  }
}
