package dev.tars.runtime;

import dev.tars.api.ApiKeys;
import dev.tars.api.ApiServer;
import dev.tars.api.AuditLog;
import dev.tars.chat.ChatService;
import dev.tars.chat.EngineSource;
import dev.tars.chat.StatelessChat;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppSettings;
import dev.tars.embedding.Embedder;
import dev.tars.mcp.McpHttpEndpoint;
import dev.tars.mcp.TarsMcpServer;
import dev.tars.search.KnowledgeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local OpenAI-compatible API, wired once for both of its front ends: {@code tars serve} starts it with
 * {@link #serve}, the desktop app starts and stops it as the "Local API server" setting changes (on 127.0.0.1
 * only, see {@link #apply}). Both answer with the runtime's engine, history and knowledge, and use the same key.
 * Starting and stopping for the setting happen on one named thread, in the order the settings changed;
 * listeners hear each {@link Status} on that thread. Thread-safe.
 */
public final class LocalApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

  /** What the server is doing. */
  public enum State {
    OFF,
    STARTING,
    SERVING,
    /** The port asked for is held by another program; the server did not start (it never moves elsewhere). */
    PORT_TAKEN,
    FAILED
  }

  /**
   * @param baseUrl the OpenAI base URL while serving, else empty
   * @param askedPort the port in Settings; 0 when Tars picks a free one
   * @param problem why it could not start (for a person); with {@link State#PORT_TAKEN} the name of the program
   *     holding the port, empty when unknown
   * @param holderPid with {@link State#PORT_TAKEN}, the process id of the program holding the port, else -1
   */
  public record Status(State state, String baseUrl, int askedPort, int port, String problem, long holderPid) {
    static final Status OFF = new Status(State.OFF, "", 0, 0, "", -1);

    Status(State state, String baseUrl, int askedPort, int port, String problem) {
      this(state, baseUrl, askedPort, port, problem, -1);
    }
  }

  private final Path home;
  private final Path logs;
  private final EngineSource engines;
  private final ChatService history;
  private final Embedder embedder;
  private final KnowledgeSource knowledge;
  private final Supplier<TarsMcpServer.Services> mcp;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(NamedThreads.named("local-api"));
  private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
  private volatile Status status = Status.OFF;
  private Served server;
  private int servedPort = -1;
  private List<String> servedOrigins = List.of();
  private boolean servedActions;

  /**
   * Built by {@link TarsRuntime}; tests of the Settings page build one over a fake engine.
   *
   * @param home the data home (the key file lives there)
   * @param logs where the audit log is written
   * @param history where exchanges are kept when a server is asked to record them
   * @param embedder for {@code /v1/embeddings}; null when the knowledge base is not available
   * @param knowledge for answers from documents; null when the knowledge base is not available
   */
  public LocalApi(Path home, Path logs, EngineSource engines, ChatService history, Embedder embedder,
      KnowledgeSource knowledge) {
    this(home, logs, engines, history, embedder, knowledge, null);
  }

  /**
   * As the other constructor, also serving Tars' MCP server at {@code /mcp}.
   *
   * @param mcp what the MCP server answers from, asked for at each start; null serves no {@code /mcp}
   */
  public LocalApi(Path home, Path logs, EngineSource engines, ChatService history, Embedder embedder,
      KnowledgeSource knowledge, Supplier<TarsMcpServer.Services> mcp) {
    this.mcp = mcp;
    this.home = home;
    this.logs = logs;
    this.engines = Objects.requireNonNull(engines, "engines");
    this.history = history;
    this.embedder = embedder;
    this.knowledge = knowledge;
  }

  public Status status() {
    return status;
  }

  public void addListener(Consumer<Status> listener) {
    listeners.add(listener);
  }

  /** The key clients send as {@code Authorization: Bearer <key>}; made on first use. Reads a file. */
  public String key() throws IOException {
    return ApiKeys.loadOrCreate(keyFile());
  }

  /** Where the key is kept. */
  public Path keyFile() {
    return ApiKeys.defaultFile(home);
  }

  /**
   * A running server, the audit log it writes and its MCP endpoint (null when none); closing stops the server,
   * then closes the MCP sessions and the log.
   */
  public record Served(ApiServer server, AuditLog audit, McpHttpEndpoint mcp) implements AutoCloseable {
    @Override
    public void close() {
      try {
        server.close();
      } finally {
        try {
          if (mcp != null) {
            mcp.close();
          }
        } finally {
          audit.close();
        }
      }
    }
  }

  /**
   * Starts a server with {@code options} now, on the caller's thread; the caller closes it. For
   * {@code tars serve}; the desktop app uses {@link #apply} instead.
   *
   * @throws IOException with a message for a person when no port could be bound
   */
  public Served serve(ApiServer.Options options) throws IOException {
    return serve(options, false);
  }

  /**
   * As {@link #serve(ApiServer.Options)}; {@code allowActions} offers the MCP tools that change things.
   *
   * @throws IOException with a message for a person when no port could be bound
   */
  public Served serve(ApiServer.Options options, boolean allowActions) throws IOException {
    AuditLog log = new AuditLog(AuditLog.defaultFile(logs));
    McpHttpEndpoint endpoint = null;
    try {
      endpoint = mcp == null ? null : McpHttpEndpoint.create(mcp.get(), allowActions, options.maxBodyBytes());
      return new Served(ApiServer.start(options, new ApiServer.Services(new StatelessChat(engines), history,
          embedder, knowledge, log, endpoint == null ? null : endpoint.handler())), log, endpoint);
    } catch (IOException | RuntimeException e) {
      if (endpoint != null) {
        endpoint.close();
      }
      log.close();
      throw e;
    }
  }

  /**
   * Starts, restarts (other port or allowed origins), or stops the server as {@code settings} say; returns at
   * once.
   */
  public Future<?> apply(AppSettings settings) {
    boolean wanted = settings.apiServer();
    int port = settings.apiPort();
    List<String> origins = settings.apiAllowedOrigins();
    boolean actions = settings.apiAllowActions();
    var defaults = settings.defaultSampling();
    return worker.submit(() -> {
      if (!wanted) {
        stop();
        return;
      }
      if (server != null && servedPort == port && servedOrigins.equals(origins) && servedActions == actions) {
        return;
      }
      stop();
      start(port, origins, actions, defaults);
    });
  }

  private void start(int port, List<String> origins, boolean actions, dev.tars.engine.Sampling defaults) {
    publish(new Status(State.STARTING, "", port, 0, ""));
    try {
      server = serve(ApiServer.Options.defaults(key()).withPort(port).withDefaults(defaults)
          .withAllowedOrigins(origins), actions);
      servedPort = port;
      servedOrigins = origins;
      servedActions = actions;
      publish(new Status(State.SERVING, server.server().baseUrl(), port, server.server().port(), ""));
    } catch (ApiServer.PortTakenException e) {
      LOG.warn("The local API did not start: {}", e.getMessage());
      publish(new Status(State.PORT_TAKEN, "", port, 0, e.holderName(), e.holderPid()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("The local API could not start on port {}", port, e);
      publish(new Status(State.FAILED, "", port, 0, e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
      servedPort = -1;
    }
    if (status.state() != State.OFF) {
      publish(Status.OFF);
    }
  }

  private void publish(Status next) {
    status = next;
    for (Consumer<Status> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        LOG.error("Local API status listener failed", e);
      }
    }
  }

  /** Stops the server (answers still streaming are cancelled); waits at most 5 s. */
  @Override
  public void close() {
    try {
      worker.submit(this::stop);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return;
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The local API did not stop within 5 s");
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
