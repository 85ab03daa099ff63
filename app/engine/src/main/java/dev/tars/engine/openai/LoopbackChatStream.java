package dev.tars.engine.openai;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A streamed chat response from the engine child over a plain loopback socket, read on the calling thread: one
 * blocking read per token, where the JDK client passes every chunk from its selector thread to its executor and on
 * to the reading thread (decision 1431). HTTP/1.1 with the request written whole; the body may be chunked, sized
 * or end with the connection. Cancelling closes the socket, which ends a blocked connect or read at once.
 *
 * <p>Only for {@code http} to a loopback address (the engine child); every other server goes through
 * {@link JdkChatStream}. Failures are the JDK client's exception types, so both read the same to a person.
 */
final class LoopbackChatStream implements ChatStream {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final URI uri;
  private final String bearer;
  private final byte[] body;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Socket socket = new Socket();
  private int status;
  private InputStream responseBody;

  /** @param bearer the API key, or null for none */
  LoopbackChatStream(URI uri, String bearer, byte[] body, Duration connectTimeout, Duration responseTimeout) {
    this.uri = uri;
    this.bearer = bearer;
    this.body = body;
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
  }

  @Override
  public void open() throws IOException {
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) connectTimeout.toMillis());
    } catch (SocketTimeoutException e) {
      throw new HttpConnectTimeoutException("HTTP connect timed out");
    }
    OutputStream out = socket.getOutputStream();
    out.write(requestBytes());
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
    long deadline = System.nanoTime() + responseTimeout.toNanos();
    HeadReader head = new HeadReader(in);
    try {
      status = parseStatus(head.line(deadline));
      long contentLength = -1;
      boolean chunked = false;
      for (String line; !(line = head.line(deadline)).isEmpty(); ) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException("the engine sent a malformed header: " + line);
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (name.equals("content-length")) {
          contentLength = Long.parseLong(value);
        }
      }
      socket.setSoTimeout(0); // once it streams, the engine's health check watches it, as for the JDK client
      responseBody = chunked ? new ChunkedBody(in) : contentLength >= 0 ? new SizedBody(in, contentLength) : in;
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException("request timed out");
    } catch (NumberFormatException e) {
      throw new IOException("the engine sent a malformed Content-Length", e);
    }
  }

  private byte[] requestBytes() {
    String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
    StringBuilder head = new StringBuilder(256)
        .append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(uri.getPort()).append("\r\n")
        .append("Content-Type: application/json\r\n")
        .append("Accept: text/event-stream\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    if (bearer != null) {
      head.append("Authorization: Bearer ").append(bearer).append("\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  private static int parseStatus(String line) throws IOException {
    // "HTTP/1.1 200 OK"
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("the engine did not answer in HTTP/1.1: " + OpenAiChatEngine.cut(line));
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("the engine sent a malformed status line: " + OpenAiChatEngine.cut(line), e);
    }
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public InputStream body() {
    return responseBody;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing only stops reading; nothing is lost.
    }
  }

  /** Lines of the response head (ASCII), each read before the response deadline. */
  private final class HeadReader {
    private final InputStream in;
    private int total;

    HeadReader(InputStream in) {
      this.in = in;
    }

    String line(long deadline) throws IOException {
      StringBuilder line = new StringBuilder(64);
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("no response head in time");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the engine closed the connection before answering");
        }
        if (++total > MAX_HEAD_BYTES) {
          throw new IOException("the engine's response head is larger than 64 KiB");
        }
        if (b == '\n') {
          int end = line.length();
          return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        }
        line.append((char) b);
      }
    }
  }

  /** A body of known length. */
  private static final class SizedBody extends InputStream {
    private final InputStream in;
    private long left;

    SizedBody(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the connection closed " + left + " bytes before the end of the body");
      }
      left -= n;
      return n;
    }
  }
}
