package dev.tars.api;

import dev.tars.concurrent.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LoopbackEndpoint} that starts when the first connection arrives (decision 1450). The port is bound at
 * once, so it can be announced; one thread waits for a connection with a selector, without accepting it; then the
 * handler is made and the server started on the same bound port, and it accepts the waiting connection itself. The
 * caller connects once and is served as by an endpoint started in advance, a little later the first time. An
 * app that nobody reaches through it pays a socket and one waiting thread instead of the server, its handler and
 * their classes.
 */
public final class OnDemandEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnDemandEndpoint.class);

  private final String name;
  private final String secret;
  private final long maxBodyBytes;
  private final Callable<Handler> handler;
  private final ServerSocketChannel channel;
  private final Selector selector;
  private final int port;
  private LoopbackEndpoint started;
  private boolean closed;

  private OnDemandEndpoint(String name, String secret, long maxBodyBytes, Callable<Handler> handler,
      ServerSocketChannel channel, Selector selector) {
    this.name = name;
    this.secret = secret;
    this.maxBodyBytes = maxBodyBytes;
    this.handler = handler;
    this.channel = channel;
    this.selector = selector;
    this.port = channel.socket().getLocalPort();
  }

  /**
   * Binds a free loopback port and waits for the first connection on it; then makes {@code handler} and serves it
   * as {@link LoopbackEndpoint#start} does, with the same checks.
   *
   * @param handler made once, on the waiting thread, when the first connection arrives
   * @throws IOException when no port could be bound
   */
  public static OnDemandEndpoint open(String name, String secret, long maxBodyBytes, Callable<Handler> handler)
      throws IOException {
    Objects.requireNonNull(secret, "secret");
    ServerSocketChannel channel = ServerSocketChannel.open();
    Selector selector = null;
    try {
      channel.bind(new InetSocketAddress(LoopbackEndpoint.HOST, 0), 50);
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
    OnDemandEndpoint endpoint = new OnDemandEndpoint(name, secret, maxBodyBytes, handler, channel, selector);
    NamedThreads.named(name + "-wait").newThread(endpoint::awaitFirstConnection).start();
    LOG.info("{} endpoint bound to http://{}:{}, starts on the first connection", name, LoopbackEndpoint.HOST,
        endpoint.port);
    return endpoint;
  }

  public int port() {
    return port;
  }

  /** Whether the server has started (a first connection came). */
  public synchronized boolean started() {
    return started != null;
  }

  private void awaitFirstConnection() {
    try {
      while (selector.select() == 0) {
        synchronized (this) {
          if (closed) {
            return;
          }
        }
      }
      // The selector must let go of the channel before the server makes it blocking for its acceptor.
      selector.close();
      start();
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        if (!closed) {
          LOG.warn("The {} endpoint stopped waiting for connections", name, e);
        }
      }
      closeChannel();
    }
  }

  private synchronized void start() {
    if (closed) {
      return;
    }
    long begun = System.nanoTime();
    try {
      started = LoopbackEndpoint.start(name, secret, maxBodyBytes, handler.call(), channel);
      LOG.info("{} endpoint started on its first connection in {} ms", name, (System.nanoTime() - begun) / 1_000_000);
    } catch (Exception e) {
      // The caller waiting on the port sees its connection closed rather than waiting for an answer.
      LOG.warn("The {} endpoint could not start on its first connection", name, e);
      closeChannel();
    }
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing the {} channel failed", name, e);
    }
  }

  @Override
  public void close() {
    LoopbackEndpoint running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = started;
    }
    selector.wakeup();
    if (running != null) {
      running.close();
    }
    closeChannel();
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("Closing the {} selector failed", name, e);
    }
  }
}
