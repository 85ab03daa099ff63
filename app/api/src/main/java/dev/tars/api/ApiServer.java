package dev.tars.api;

import dev.tars.search.KnowledgeSource;
import dev.tars.chat.ChatService;
import dev.tars.chat.StatelessChat;
import dev.tars.concurrent.NamedThreads;
import dev.tars.embedding.Embedder;
import dev.tars.engine.Sampling;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
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

  /** Idle time allowed on a connection between requests and while its headers arrive. */
  static final long CONNECTION_IDLE_MILLIS = 30_000;
  /** Idle time allowed while an answer is under way: a big model may think for minutes before its first token. */
  static final long ANSWER_IDLE_MILLIS = 600_000;
  /** However slowly it arrives, a request body must be complete within this time. */
  static final long BODY_TOTAL_MILLIS = 30_000;

  /**
   * How to serve.
   *
   * @param host address to bind; loopback unless {@code allowRemote}
   * @param port the port to listen on; 0 lets Tars pick a free one (see {@link #portChosenByTars}). A port that
   *     is taken is never replaced by another: starting fails with {@link PortTakenException}
   * @param allowRemote the user explicitly asked to bind a non-loopback address
   * @param apiKey the bearer key every request but {@code /health} must carry
   * @param maxBodyBytes larger request bodies get 413
   * @param maxParallel chat completions and embeddings worked on at once; more get 429
   * @param recordHistory keep each chat completion as a conversation in the app's history
   * @param defaults sampling for requests that do not say
   * @param allowedOrigins web page origins (e.g. {@code http://localhost:3000}) allowed to call the API; any
   *     other request with an {@code Origin} header gets 403. Empty by default
   * @param maxUploads request bodies read at once; more get 429
   * @param bodyIdleTimeout the longest pause allowed between the bytes of a request body (else 408)
   */
  public record Options(String host, int port, boolean allowRemote, String apiKey, long maxBodyBytes,
      int maxParallel, boolean recordHistory, Sampling defaults, List<String> allowedOrigins, int maxUploads,
      Duration bodyIdleTimeout) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(defaults, "defaults");
      allowedOrigins = List.copyOf(allowedOrigins);
      Objects.requireNonNull(bodyIdleTimeout, "bodyIdleTimeout");
      if (port < 0 || port > 65535 || maxBodyBytes < 1024 || maxParallel < 1 || maxUploads < 1
          || bodyIdleTimeout.toMillis() < 100) {
        throw new IllegalArgumentException("port 0..65535, maxBodyBytes >= 1024, maxParallel >= 1, maxUploads >= 1,"
            + " bodyIdleTimeout >= 100 ms");
      }
    }

    /**
     * Loopback, port 4891, 4 MiB bodies, 4 requests at once, 16 bodies read at once with at most 5 s between
     * their bytes, no web page origins, no history.
     */
    public static Options defaults(String apiKey) {
      return new Options("127.0.0.1", DEFAULT_PORT, false, apiKey, 4L << 20, 4, false, Sampling.DEFAULTS, List.of(),
          16, Duration.ofSeconds(5));
    }

    public Options withPort(int value) {
      return new Options(host, value, allowRemote, apiKey, maxBodyBytes, maxParallel, recordHistory, defaults,
          allowedOrigins, maxUploads, bodyIdleTimeout);
    }

    public Options withHost(String value, boolean allow) {
      return new Options(value, port, allow, apiKey, maxBodyBytes, maxParallel, recordHistory, defaults,
          allowedOrigins, maxUploads, bodyIdleTimeout);
    }

    public Options withLimits(long bodyBytes, int parallel) {
      return new Options(host, port, allowRemote, apiKey, bodyBytes, parallel, recordHistory, defaults,
          allowedOrigins, maxUploads, bodyIdleTimeout);
    }

    public Options withUploads(int uploads, Duration idleBetweenBytes) {
      return new Options(host, port, allowRemote, apiKey, maxBodyBytes, maxParallel, recordHistory, defaults,
          allowedOrigins, uploads, idleBetweenBytes);
    }

    public Options withHistory(boolean value) {
      return new Options(host, port, allowRemote, apiKey, maxBodyBytes, maxParallel, value, defaults,
          allowedOrigins, maxUploads, bodyIdleTimeout);
    }

    public Options withDefaults(Sampling value) {
      return new Options(host, port, allowRemote, apiKey, maxBodyBytes, maxParallel, recordHistory, value,
          allowedOrigins, maxUploads, bodyIdleTimeout);
    }

    public Options withAllowedOrigins(List<String> value) {
      return new Options(host, port, allowRemote, apiKey, maxBodyBytes, maxParallel, recordHistory, defaults,
          value, maxUploads, bodyIdleTimeout);
    }
  }

  /** The port asked for is held by another program; the server did not start (and did not move elsewhere). */
  public static final class PortTakenException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int port;
    private final String holderName;
    private final long holderPid;

    PortTakenException(int port, String host, Optional<PortHolder.Holder> holder, IOException cause) {
      super("Port " + port + " on " + host + " is already in use" + holder.map(h -> " by " + h).orElse("")
          + ", so the local API did not start. Stop that program, or choose another port (0 lets Tars pick a free"
          + " one).", cause);
      this.port = port;
      this.holderName = holder.map(PortHolder.Holder::name).orElse("");
      this.holderPid = holder.map(PortHolder.Holder::pid).orElse(-1L);
    }

    public int port() {
      return port;
    }

    /** The name of the program holding the port, e.g. {@code java}; empty when it could not be found. */
    public String holderName() {
      return holderName;
    }

    /** The process id of the program holding the port; -1 when it could not be found. */
    public long holderPid() {
      return holderPid;
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
   * @param mcp serves {@code /mcp} (Tars' MCP server over Streamable HTTP) once the request passed the Host,
   *     Origin and key checks; the server starts and stops it with itself, the caller closes what it holds.
   *     Null answers 404
   */
  public record Services(StatelessChat chat, ChatService history, Embedder embedder, KnowledgeSource knowledge,
      AuditLog audit, Handler mcp) {
    public Services {
      Objects.requireNonNull(chat, "chat");
      Objects.requireNonNull(audit, "audit");
    }

    /** Without {@code /mcp}. */
    public Services(StatelessChat chat, ChatService history, Embedder embedder, KnowledgeSource knowledge,
        AuditLog audit) {
      this(chat, history, embedder, knowledge, audit, null);
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
   * Binds and starts serving. This is the whole construction: the caller owns {@code services} (and closes the
   * audit log after the server) and closes the returned server.
   *
   * @throws IllegalArgumentException when the host is not loopback and remote access was not allowed
   * @throws PortTakenException when the port asked for is taken (the message names it and, if it can be found,
   *     the program holding it)
   * @throws IOException with a message for a person when the server could not start otherwise
   */
  public static ApiServer start(Options options, Services services) throws IOException {
    String warning = checkHost(options.host(), options.allowRemote()).orElse(null);
    QueuedThreadPool pool = new QueuedThreadPool(32, 2, 60_000, -1, null, null, NamedThreads.named("api-http"));
    pool.setName("tars-api-http");
    pool.setDaemon(true);
    Server server = new Server(pool);
    server.setStopTimeout(3_000);
    server.setErrorHandler(new JsonErrorHandler());
    ServerConnector connector = bind(server, options);
    ApiHandler handler = new ApiHandler(options, services,
        new RequestGuard(options.host(), connector::getLocalPort, options.allowedOrigins()));
    server.setHandler(handler);
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
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(options.host());
    connector.setPort(options.port());
    // Short while idle or receiving headers; raised while an answer is under way (ChatCompletions).
    connector.setIdleTimeout(CONNECTION_IDLE_MILLIS);
    try {
      connector.open();
    } catch (IOException e) {
      connector.close();
      if (options.port() == 0) {
        throw new IOException("The local API could not listen on " + options.host() + ": " + e.getMessage(), e);
      }
      throw new PortTakenException(options.port(), options.host(), PortHolder.find(options.port()), e);
    }
    server.addConnector(connector);
    return connector;
  }

  /** The port actually bound: the one asked for, or the one Tars picked when asked for 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Whether Tars picked the port itself (port 0 was asked for): clients must be told which one. */
  public boolean portChosenByTars() {
    return options.port() == 0;
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
