package dev.tars.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that serves in-memory files and misbehaves on request: drops the
 * connection part-way, stalls, trickles, answers with an error status, or ignores Range. For download tests
 * that must go through a real socket rather than a mocked client.
 */
public final class LoopbackFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private LoopbackFileServer() throws IOException {
    executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("loopback-http-", 1).daemon(true).factory());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static LoopbackFileServer start() throws IOException {
    return new LoopbackFileServer();
  }

  /** Reproducible pseudo-random content. */
  public static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Serves {@code content} at {@code path} (e.g. {@code /m.gguf}), well-behaved until told otherwise. */
  public Route serve(String path, byte[] content) {
    Route route = new Route(content);
    routes.put(path, route);
    return route;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Route route = routes.get(exchange.getRequestURI().getPath());
      if (route == null) {
        reply(exchange, 404, "not found");
        return;
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      route.rangeHeaders.add(range == null ? "" : range);
      int status = route.takeFailure();
      if (status != 0) {
        reply(exchange, status, "simulated failure " + status);
        return;
      }
      byte[] data = route.content;
      long start = 0;
      String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
      boolean rangeApplies = range != null && route.rangeSupported
          && (ifRange == null || ifRange.equals(route.etag()));
      var headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "application/octet-stream");
      headers.set("ETag", route.etag());
      if (route.rangeSupported) {
        headers.set("Accept-Ranges", "bytes");
      }
      int code = 200;
      if (rangeApplies) {
        Matcher m = RANGE.matcher(range);
        if (m.matches()) {
          start = Long.parseLong(m.group(1));
          if (start >= data.length) {
            headers.set("Content-Range", "bytes */" + data.length);
            exchange.sendResponseHeaders(416, -1);
            return;
          }
          code = 206;
          headers.set("Content-Range", "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
        }
      }
      // A length of 0 makes the JDK server send the body chunked, with no Content-Length.
      exchange.sendResponseHeaders(code, route.announceLength ? data.length - start : 0);
      OutputStream out = exchange.getResponseBody();
      long pos = start;
      while (pos < data.length) {
        if (route.shouldDrop(pos)) {
          out.flush();
          throw new IOException("simulated dropped connection at byte " + pos);
        }
        if (route.shouldStall(pos)) {
          out.flush();
          awaitClose();
          throw new IOException("simulated stall ended by server shutdown");
        }
        int chunk = (int) Math.min(route.chunkBytes, data.length - pos);
        if (route.dropAt >= 0 && route.drops.get() > 0 && pos < route.dropByte()) {
          chunk = (int) Math.min(chunk, route.dropByte() - pos);
        }
        if (route.stallAt >= 0 && route.stalls.get() > 0 && pos < route.stallByte()) {
          chunk = (int) Math.min(chunk, route.stallByte() - pos);
        }
        out.write(data, (int) pos, chunk);
        pos += chunk;
        if (route.delayMillis > 0) {
          out.flush();
          sleep(route.delayMillis);
        }
      }
    }
  }

  private void awaitClose() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sleep(long millis) throws IOException {
    try {
      if (closing.await(millis, TimeUnit.MILLISECONDS)) {
        throw new IOException("server closing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** One served file and the faults it injects. Methods return {@code this} for chaining. */
  public static final class Route {
    private final byte[] content;
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean rangeSupported = true;
    private volatile boolean announceLength = true;
    private volatile double dropAt = -1;
    private final AtomicInteger drops = new AtomicInteger();
    private volatile double stallAt = -1;
    private final AtomicInteger stalls = new AtomicInteger();
    private volatile int failStatus;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int chunkBytes = 16 * 1024;
    private volatile long delayMillis;

    private Route(byte[] content) {
      this.content = content;
    }

    /** Answers every request with the whole file and status 200, as servers without Range support do. */
    public Route withoutRangeSupport() {
      rangeSupported = false;
      return this;
    }

    /** Sends the body chunked, without Content-Length, as streaming servers do: the client learns no size. */
    public Route withoutContentLength() {
      announceLength = false;
      return this;
    }

    /** The next {@code times} responses cut the connection once {@code fraction} of the file was sent. */
    public Route dropAt(double fraction, int times) {
      dropAt = fraction;
      drops.set(times);
      return this;
    }

    /** The next {@code times} responses stop sending at {@code fraction} and hang until the server closes. */
    public Route stallAt(double fraction, int times) {
      stallAt = fraction;
      stalls.set(times);
      return this;
    }

    /** The next {@code times} requests get {@code status} (e.g. 500) instead of the file. */
    public Route failWith(int status, int times) {
      failStatus = status;
      failures.set(times);
      return this;
    }

    /** Sends {@code chunkBytes} at a time with a pause of {@code delayMillis} after each. */
    public Route trickle(int chunk, long delay) {
      chunkBytes = chunk;
      delayMillis = delay;
      return this;
    }

    /** The Range header of each request so far, "" where there was none. */
    public List<String> rangeHeaders() {
      return List.copyOf(rangeHeaders);
    }

    public String etag() {
      return "\"" + Integer.toHexString(java.util.Arrays.hashCode(content)) + "\"";
    }

    private long dropByte() {
      return (long) (content.length * dropAt);
    }

    private long stallByte() {
      return (long) (content.length * stallAt);
    }

    private boolean shouldDrop(long pos) {
      return dropAt >= 0 && pos >= dropByte() && drops.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private boolean shouldStall(long pos) {
      return stallAt >= 0 && pos >= stallByte() && stalls.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private int takeFailure() {
      return failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failStatus : 0;
    }
  }
}
