package dev.tars.desktop.settings;

import dev.tars.api.ApiKeys;
import dev.tars.api.ApiServer;
import dev.tars.api.AuditLog;
import dev.tars.chat.EngineSource;
import dev.tars.chat.StatelessChat;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppSettings;
import dev.tars.embedding.Embedder;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API server inside the desktop app: started and stopped as the "Local API server" setting changes,
 * on 127.0.0.1 only, with the same engine (and knowledge) the app answers with and the key {@code tars serve}
 * uses. Starting and stopping happen on one named thread, in the order the settings changed; listeners hear
 * each {@link Status} on that thread. Thread-safe.
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
  private final Embedder embedder;
  private final KnowledgeSource knowledge;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(NamedThreads.named("local-api"));
  private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
  private volatile Status status = Status.OFF;
  private ApiServer server;
  private AuditLog audit;
  private int servedPort = -1;
  private List<String> servedOrigins = List.of();

  /**
   * @param home the data home (the key file lives there)
   * @param logs where the audit log is written
   * @param embedder for {@code /v1/embeddings}; null when the knowledge base is not available
   * @param knowledge for answers from documents; null when the knowledge base is not available
   */
  public LocalApi(Path home, Path logs, EngineSource engines, Embedder embedder, KnowledgeSource knowledge) {
    this.home = home;
    this.logs = logs;
    this.engines = Objects.requireNonNull(engines, "engines");
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
    return ApiKeys.loadOrCreate(ApiKeys.defaultFile(home));
  }

  /**
   * Starts, restarts (other port or allowed origins), or stops the server as {@code settings} say; returns at
   * once.
   */
  public Future<?> apply(AppSettings settings) {
    boolean wanted = settings.apiServer();
    int port = settings.apiPort();
    List<String> origins = settings.apiAllowedOrigins();
    var defaults = settings.defaultSampling();
    return worker.submit(() -> {
      if (!wanted) {
        stop();
        return;
      }
      if (server != null && servedPort == port && servedOrigins.equals(origins)) {
        return;
      }
      stop();
      start(port, origins, defaults);
    });
  }

  private void start(int port, List<String> origins, dev.tars.engine.Sampling defaults) {
    publish(new Status(State.STARTING, "", port, 0, ""));
    try {
      String key = key();
      audit = new AuditLog(AuditLog.defaultFile(logs));
      ApiServer.Options options = ApiServer.Options.defaults(key).withPort(port).withDefaults(defaults)
          .withAllowedOrigins(origins);
      server = ApiServer.start(options, new ApiServer.Services(new StatelessChat(engines), null, embedder, knowledge,
          audit));
      servedPort = port;
      servedOrigins = origins;
      publish(new Status(State.SERVING, server.baseUrl(), port, server.port(), ""));
    } catch (ApiServer.PortTakenException e) {
      LOG.warn("The local API did not start: {}", e.getMessage());
      closeAudit();
      publish(new Status(State.PORT_TAKEN, "", port, 0, e.holderName(), e.holderPid()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("The local API could not start on port {}", port, e);
      closeAudit();
      publish(new Status(State.FAILED, "", port, 0, e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
      servedPort = -1;
    }
    closeAudit();
    if (status.state() != State.OFF) {
      publish(Status.OFF);
    }
  }

  private void closeAudit() {
    if (audit != null) {
      audit.close();
      audit = null;
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
