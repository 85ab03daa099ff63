package dev.tars.api;

import dev.tars.chat.ChatService;
import dev.tars.chat.StatelessChat;
import dev.tars.concurrent.NamedThreads;
import dev.tars.embedding.Embedder;
import dev.tars.engine.Sampling;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API: an OpenAI-compatible HTTP server (Jetty 12 core) in front of Tars' own services, so scripts and
 * other apps get the same engine, context trimming and knowledge as the desktop app. Bound to 127.0.0.1 unless
 * the caller explicitly allows another address.
 *
 * <p>Start with {@link #start}; {@link #close} stops it, cancelling answers still streaming, within a few seconds.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  public static final int DEFAULT_PORT = 4891;

  /**
   * How to serve.
   *
   * @param host address to bind; loopback unless {@code allowRemote}
   * @param port first port to try; 0 picks any free port
   * @param portAttempts how many ports from {@code port} up to try when it is taken
   * @param allowRemote the user explicitly asked to bind a non-loopback address
   * @param apiKey the bearer key every request but {@code /health} must carry
   * @param maxBodyBytes larger request bodies get 413
   * @param maxParallel chat completions and embeddings worked on at once; more get 429
   * @param recordHistory keep each chat completion as a conversation in the app's history
   * @param defaults sampling for requests that do not say
   */
  public record Options(String host, int port, int portAttempts, boolean allowRemote, String apiKey,
      long maxBodyBytes, int maxParallel, boolean recordHistory, Sampling defaults) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(defaults, "defaults");
      if (port < 0 || port > 65535 || portAttempts < 1 || maxBodyBytes < 1024 || maxParallel < 1) {
        throw new IllegalArgumentException("port 0..65535, portAttempts >= 1, maxBodyBytes >= 1024, maxParallel >= 1");
      }
    }

    /** Loopback, port 4891 (or the next free of 20), 4 MiB bodies, 4 requests at once, no history. */
    public static Options defaults(String apiKey) {
      return new Options("127.0.0.1", DEFAULT_PORT, 20, false, apiKey, 4L << 20, 4, false, Sampling.DEFAULTS);
    }

    public Options withPort(int value) {
      return new Options(host, value, portAttempts, allowRemote, apiKey, maxBodyBytes, maxParallel, recordHistory,
          defaults);
    }

    public Options withHost(String value, boolean allow) {
      return new Options(value, port, portAttempts, allow, apiKey, maxBodyBytes, maxParallel, recordHistory,
          defaults);
    }

    public Options withLimits(long bodyBytes, int parallel) {
      return new Options(host, port, portAttempts, allowRemote, apiKey, bodyBytes, parallel, recordHistory,
          defaults);
    }

    public Options withHistory(boolean value) {
      return new Options(host, port, portAttempts, allowRemote, apiKey, maxBodyBytes, maxParallel, value, defaults);
    }

    public Options withDefaults(Sampling value) {
      return new Options(host, port, portAttempts, allowRemote, apiKey, maxBodyBytes, maxParallel, recordHistory,
          value);
    }
  }

  /**
   * What the server answers with.
   *
   * @param chat answers chat completions (the engine Settings choose)
   * @param history where exchanges are kept when {@link Options#recordHistory}; may be null
   * @param embedder for {@code /v1/embeddings} (not closed by the server); null answers 501
   * @param knowledge for the {@code tars.knowledge} extension; null answers 501
   * @param audit every request is recorded here; the caller closes it after the server
   */
  public record Services(StatelessChat chat, ChatService history, Embedder embedder, KnowledgeSource knowledge,
      AuditLog audit) {
    public Services {
      Objects.requireNonNull(chat, "chat");
      Objects.requireNonNull(audit, "audit");
    }
  }

  private final Options options;
  private final Server server;
  private final ServerConnector connector;
  private final ApiHandler handler;
  private final String warning;

  private ApiServer(Options options, Server server, ServerConnector connector, ApiHandler handler, String warning) {
    this.options = options;
    this.server = server;
    this.connector = connector;
    this.handler = handler;
    this.warning = warning;
  }

  /**
   * Binds and starts serving.
   *
   * @throws IllegalArgumentException when the host is not loopback and remote access was not allowed
   * @throws IOException with a message for a person when no port could be bound
   */
  public static ApiServer start(Options options, Services services) throws IOException {
    String warning = checkHost(options.host(), options.allowRemote()).orElse(null);
    QueuedThreadPool pool = new QueuedThreadPool(32, 2, 60_000, -1, null, null, NamedThreads.named("api-http"));
    pool.setName("tars-api-http");
    pool.setDaemon(true);
    Server server = new Server(pool);
    server.setStopTimeout(3_000);
    server.setErrorHandler(new JsonErrorHandler());
    ApiHandler handler = new ApiHandler(options, services);
    server.setHandler(handler);
    ServerConnector connector = bind(server, options);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("The local API could not start: " + e.getMessage(), e);
    }
    LOG.info("Local API serving on http://{}:{}/v1", options.host(), connector.getLocalPort());
    return new ApiServer(options, server, connector, handler, warning);
  }

  /**
   * Checks a bind address before anything is started: loopback is always fine; any other address needs
   * {@code allowRemote} and comes with a warning for the user.
   *
   * @throws IllegalArgumentException with a message for a person when the address is refused
   */
  public static Optional<String> checkHost(String host, boolean allowRemote) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Cannot bind the local API to '" + host
          + "': no such address on this computer.");
    }
    if (address.isLoopbackAddress()) {
      return Optional.empty();
    }
    if (!allowRemote) {
      throw new IllegalArgumentException("Binding the local API to " + host + " would let other computers reach"
          + " it. Use 127.0.0.1, or confirm that you want this with the allow-remote option (--allow-remote).");
    }
    String warning = "WARNING: the local API is bound to " + host + ": other computers on the network can reach"
        + " it (they still need the API key, which travels unencrypted over plain HTTP).";
    LOG.warn(warning);
    return Optional.of(warning);
  }

  private static ServerConnector bind(Server server, Options options) throws IOException {
    int attempts = options.port() == 0 ? 1 : options.portAttempts();
    IOException last = null;
    for (int i = 0; i < attempts && options.port() + i <= 65535; i++) {
      ServerConnector connector = new ServerConnector(server, 1, 1);
      connector.setHost(options.host());
      connector.setPort(options.port() == 0 ? 0 : options.port() + i);
      // A big model may think for minutes before its first token; the stream is idle meanwhile.
      connector.setIdleTimeout(600_000);
      try {
        connector.open();
        server.addConnector(connector);
        if (i > 0) {
          LOG.info("Port {} was taken; the local API uses {}", options.port(), connector.getLocalPort());
        }
        return connector;
      } catch (IOException e) {
        last = e;
        connector.close();
      }
    }
    String range = attempts == 1 ? Integer.toString(options.port())
        : options.port() + "-" + (options.port() + attempts - 1);
    throw new IOException("The local API could not listen on " + options.host() + " port " + range
        + " (taken by other programs?). Choose another port.", last);
  }

  /** The port actually bound (differs from the one asked for when that was taken). */
  public int port() {
    return connector.getLocalPort();
  }

  public String host() {
    return options.host();
  }

  /** The OpenAI base URL clients use, e.g. {@code http://127.0.0.1:4891/v1}. */
  public String baseUrl() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return "http://" + host + ":" + port() + "/v1";
  }

  /** A warning for the user when bound to a non-loopback address. */
  public Optional<String> warning() {
    return Optional.ofNullable(warning);
  }

  @Override
  public void close() {
    handler.cancelAll();
    stopQuietly(server);
    handler.close();
    LOG.info("Local API stopped");
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Stopping the local API's HTTP server failed", e);
    }
  }
}
