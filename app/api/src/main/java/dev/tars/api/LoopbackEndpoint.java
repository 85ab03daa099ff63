package dev.tars.api;

import dev.tars.concurrent.NamedThreads;
import dev.tars.protocol.openai.OpenAiException;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private HTTP endpoint for Tars' own processes on this computer, such as the MCP relay that {@code tars mcp}
 * reaches while the window holds the data folder (decision 1530). It is always on 127.0.0.1 at a port the system
 * picks, and keeps the local API's guards: the {@code Host} check against DNS rebinding, no web page at all (any
 * {@code Origin} is refused), a bearer secret compared in constant time, and a bound on request bodies. Whatever
 * passes goes to the one handler given. Independent of the local API and its setting: it runs while the process
 * that started it does.
 */
public final class LoopbackEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackEndpoint.class);
  static final String HOST = "127.0.0.1";

  private final Server server;
  private final ServerConnector connector;

  private LoopbackEndpoint(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Binds a free loopback port and serves {@code handler} behind the checks.
   *
   * @param name names the threads and the log lines ({@code mcp-relay})
   * @param secret the bearer secret every request must carry
   * @param maxBodyBytes a request announcing a larger body gets 413 (the handler bounds bodies sent in chunks)
   * @throws IOException when no port could be bound or the server did not start
   */
  public static LoopbackEndpoint start(String name, String secret, long maxBodyBytes, Handler handler)
      throws IOException {
    return start(name, secret, maxBodyBytes, handler, null);
  }

  /**
   * As {@link #start(String, String, long, Handler)}, on a loopback channel already bound ({@link OnDemandEndpoint}:
   * connections waiting on it are served once the server has started); null binds a free port.
   */
  static LoopbackEndpoint start(String name, String secret, long maxBodyBytes, Handler handler,
      ServerSocketChannel bound) throws IOException {
    Objects.requireNonNull(secret, "secret");
    QueuedThreadPool pool = new QueuedThreadPool(16, 2, 60_000, -1, null, null, NamedThreads.named(name + "-http"));
    pool.setName("tars-" + name + "-http");
    pool.setDaemon(true);
    Server server = new Server(pool);
    server.setStopTimeout(2_000);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setIdleTimeout(ApiServer.CONNECTION_IDLE_MILLIS);
    if (bound == null) {
      connector.setHost(HOST);
      connector.setPort(0);
      connector.open();
    } else {
      connector.open(bound);
    }
    server.addConnector(connector);
    server.setHandler(new Guard(new RequestGuard(HOST, connector::getLocalPort, List.of()),
        RequestGuard.bearer(secret), maxBodyBytes, handler));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stopping) {
        e.addSuppressed(stopping);
      }
      throw new IOException("The " + name + " endpoint could not start: " + e.getMessage(), e);
    }
    LOG.info("{} endpoint listening on http://{}:{}", name, HOST, connector.getLocalPort());
    return new LoopbackEndpoint(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The checks, in the local API's order: Host, Origin, secret, body size; then the handler. */
  private static final class Guard extends Handler.Wrapper {
    private final RequestGuard guard;
    private final byte[] expectedAuthorization;
    private final long maxBodyBytes;

    Guard(RequestGuard guard, byte[] expectedAuthorization, long maxBodyBytes, Handler handler) {
      super(handler);
      this.guard = guard;
      this.expectedAuthorization = expectedAuthorization;
      this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      try {
        guard.checkHost(request);
        if (request.getHeaders().get(HttpHeader.ORIGIN) != null) {
          throw ApiErrors.originRefused(request.getHeaders().get(HttpHeader.ORIGIN));
        }
        RequestGuard.checkBearer(request, expectedAuthorization);
        if (request.getLength() > maxBodyBytes) {
          throw ApiErrors.tooLarge(maxBodyBytes);
        }
      } catch (OpenAiException refused) {
        LOG.debug("Refused {} {}: {}", request.getMethod(), request.getHttpURI().getPath(), refused.getMessage());
        Response.writeError(request, response, callback, refused.status(), refused.getMessage());
        return true;
      }
      if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, 404);
      }
      return true;
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Stopping the endpoint on port {} failed", port(), e);
    }
  }
}
