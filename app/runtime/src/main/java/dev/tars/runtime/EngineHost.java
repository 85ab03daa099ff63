package dev.tars.runtime;

import dev.tars.chat.EngineSource;
import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.EngineException;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.ModelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the engine Tars answers with, for every front end. Settings decide between the local
 * llama.cpp engine and a remote server; when they change, the old engine is closed (for the local one that
 * kills its process, the only way to get its memory back) and a new one is started on a background thread
 * while the front end keeps running. The chat service asks it for the current engine for every answer.
 */
public final class EngineHost implements EngineSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);

  /** Makes an engine for the given settings; may report its own status changes (e.g. restarts) to the sink. */
  @FunctionalInterface
  public interface Factory {
    ChatEngine create(AppSettings settings, Consumer<EngineStatus> statusSink) throws EngineException;
  }

  /** The settings that decide which engine runs; anything else changing leaves the engine alone. */
  record Config(EngineChoice choice, String modelPath, String remoteUrl, String remoteApiKey, String remoteModel,
      int contextSize, int threads) {
    static Config of(AppSettings s) {
      return new Config(s.engine(), s.modelPath(), s.remoteUrl(), s.remoteApiKey(), s.remoteModel(),
          s.contextSize(), s.threads());
    }

    boolean configured() {
      return choice == EngineChoice.REMOTE ? !remoteUrl.isBlank() : !modelPath.isBlank();
    }
  }

  private final Factory factory;
  private final ExecutorService worker;
  private final List<Consumer<EngineStatus>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private ChatEngine current;
  private Config currentConfig;
  private long epoch;
  // Completes when the switch asked for last has ended, whatever its outcome; awaitReady() waits on it.
  private CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);
  private volatile EngineStatus status = EngineStatus.NONE;

  /** @param worker a single named thread that starts and stops engines */
  public EngineHost(Factory factory, ExecutorService worker) {
    this.factory = factory;
    this.worker = worker;
  }

  public EngineStatus status() {
    return status;
  }

  /** Called on an engine thread with every status change. */
  public void addStatusListener(Consumer<EngineStatus> listener) {
    listeners.add(listener);
  }

  /** Starts, switches or stops the engine to match {@code settings}; returns at once. */
  public void apply(AppSettings settings) {
    Config config = Config.of(settings);
    long myEpoch;
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock) {
      if (Objects.equals(config, currentConfig)) {
        return;
      }
      currentConfig = config;
      myEpoch = ++epoch;
      settled.complete(null);
      settled = done;
    }
    try {
      worker.execute(() -> {
        try {
          switchTo(settings, config, myEpoch);
        } finally {
          done.complete(null);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      done.complete(null);
    }
  }

  private void switchTo(AppSettings settings, Config config, long myEpoch) {
    ChatEngine old;
    synchronized (lock) {
      if (myEpoch != epoch) {
        return;
      }
      old = current;
      current = null;
    }
    if (old != null) {
      LOG.info("Closing the previous engine");
      closeQuietly(old);
    }
    boolean remote = config.choice() == EngineChoice.REMOTE;
    if (!config.configured()) {
      publish(myEpoch, EngineStatus.NONE);
      return;
    }
    String name = remote ? config.remoteUrl() : fileName(config.modelPath());
    publish(myEpoch, new EngineStatus(EngineStatus.State.LOADING, remote, name));
    ChatEngine engine;
    try {
      engine = factory.create(settings, s -> publish(myEpoch, s));
    } catch (EngineException | RuntimeException e) {
      LOG.warn("Could not start the engine for {}", name, e);
      publish(myEpoch, failed(remote, remote ? "remoteSetupFailed" : "startFailed", name, e));
      return;
    }
    synchronized (lock) {
      if (myEpoch != epoch) {
        closeQuietly(engine);
        return;
      }
      current = engine;
    }
    try {
      ModelInfo model = engine.model();
      publish(myEpoch, new EngineStatus(EngineStatus.State.READY, remote, model.id()));
    } catch (EngineException | RuntimeException e) {
      LOG.warn("The engine for {} did not become ready", name, e);
      publish(myEpoch, failed(remote, remote ? "remoteNotAnswering" : "loadFailed", name, e));
    }
  }

  /**
   * A failure in the host's own words: the English detail is the cause's message, as the command line shows
   * it; {@code key} ({@code engine.reason.<key>}) with the engine's name and that message lets a window say it
   * in the person's language.
   */
  private static EngineStatus failed(boolean remote, String key, String name, Exception e) {
    return new EngineStatus(EngineStatus.State.FAILED, remote, message(e), key, List.of(name, message(e)));
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  private void publish(long fromEpoch, EngineStatus newStatus) {
    synchronized (lock) {
      if (fromEpoch != epoch) {
        return;
      }
      status = newStatus;
    }
    LOG.info("Engine status: {}", newStatus);
    for (Consumer<EngineStatus> listener : listeners) {
      try {
        listener.accept(newStatus);
      } catch (RuntimeException e) {
        LOG.warn("Engine status listener failed", e);
      }
    }
  }

  /**
   * The engine to answer with now; the chat service asks for it per answer. Never waits.
   *
   * @throws EngineException with a message for a person when there is none (no model, loading, failed)
   */
  @Override
  public ChatEngine engine() throws EngineException {
    synchronized (lock) {
      if (current != null) {
        return current;
      }
    }
    throw switch (status.state()) {
      case LOADING, RESTARTING -> new EngineException("The model is still loading. Try again in a moment.");
      case FAILED -> new EngineException("The engine could not start: " + status.detail());
      default -> new EngineException("No model is chosen yet. Choose a GGUF model file or a server in Settings,"
          + " or run: tars models use NAME|FILE.gguf");
    };
  }

  /**
   * Waits (at most {@code limit}) until the engine asked for last has started or failed, then returns it. For
   * front ends that ask once and cannot retry later, like {@code tars ask}.
   *
   * @throws EngineException as {@link #engine()}, or when it is still loading after {@code limit}
   */
  public ChatEngine awaitReady(Duration limit) throws EngineException, InterruptedException {
    CompletableFuture<Void> pending;
    synchronized (lock) {
      pending = settled;
    }
    try {
      pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new EngineException("The model did not finish loading within " + limit.toSeconds() + " s.");
    } catch (ExecutionException e) {
      throw new IllegalStateException("Engine switch failed unexpectedly", e.getCause());
    }
    return engine();
  }

  /** Closes the running engine and stops the worker, waiting a bounded time. */
  @Override
  public void close() {
    ChatEngine old;
    synchronized (lock) {
      epoch++;
      old = current;
      current = null;
      currentConfig = null;
      settled.complete(null);
    }
    worker.shutdownNow();
    if (old != null) {
      closeQuietly(old);
    }
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The engine worker did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(ChatEngine engine) {
    try {
      engine.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing an engine failed", e);
    }
  }
}
