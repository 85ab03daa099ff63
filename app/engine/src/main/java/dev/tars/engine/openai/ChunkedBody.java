package dev.tars.engine.openai;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An HTTP/1.1 chunked body (RFC 9112, section 7.1), decoded as it arrives. A read returns what the current chunk has
 * ready and never waits for more than one chunk, so a streamed event is handed on as soon as its bytes are in. A
 * connection that ends before the last (empty) chunk is an {@link EOFException}: a cut answer is never taken for a
 * whole one.
 */
final class ChunkedBody extends InputStream {
  private static final int MAX_LINE = 4096;

  private final InputStream in;
  private final StringBuilder line = new StringBuilder(16);
  private long left;
  private boolean started;
  private boolean done;

  ChunkedBody(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (left == 0 && !nextChunk()) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new EOFException("the connection closed in the middle of a chunk");
    }
    left -= n;
    return n;
  }

  /** Reads the next chunk's size; false after the last chunk and its trailers. */
  private boolean nextChunk() throws IOException {
    if (done) {
      return false;
    }
    if (started && !line().isEmpty()) {
      throw new IOException("malformed chunked body: data longer than its chunk size");
    }
    started = true;
    String sizeLine = line();
    int extension = sizeLine.indexOf(';');
    String hex = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
    try {
      left = Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size: " + OpenAiChatEngine.cut(sizeLine), e);
    }
    if (left < 0) {
      throw new IOException("malformed chunk size: " + OpenAiChatEngine.cut(sizeLine));
    }
    if (left == 0) {
      while (!line().isEmpty()) {
        // trailers: nothing in them is needed
      }
      done = true;
      return false;
    }
    return true;
  }

  /** One line of the framing (ASCII), without its CRLF. */
  private String line() throws IOException {
    line.setLength(0);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection closed before the end of the chunked body");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("malformed chunked body: a framing line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }
}
