package dev.tars.engine.local;

import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.EngineException;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import dev.tars.engine.gguf.GgufFile;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.EngineStatus.State;
import dev.tars.engine.openai.OpenAiChatEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local llama.cpp engine: a supervised child JVM ({@code dev.tars.llama.EngineServer}) that serves one
 * GGUF model over loopback HTTP, driven through {@link OpenAiChatEngine}.
 *
 * <p>The model never lives in this process: java-llama.cpp leaks memory on close, keeps its JVM from exiting
 * and can abort its process. The supervisor validates a model file before starting ({@link GgufFile}), waits
 * for the child's ready line, forwards its log, checks its health, restarts it with back-off after a crash,
 * and kills it to switch models or to close. Status changes go to {@link EngineStatus.Listener}s.
 *
 * <p>Thread-safe. Calls made while the engine loads or restarts wait for it (up to the start timeout).
 *
 * <p>About 440 lines on purpose: the supervisor's states (loading, ready, restarting, failed, closed) share one
 * lock and their transitions read best side by side. What does not touch that state lives apart: starting a child
 * and checking its health ({@link ChildLauncher}, {@link StartFailure}), the child's output ({@link ChildOutput}),
 * the child itself ({@link EngineChild}) and a generation that waits for a restart ({@link RetryingGeneration}).
 */
public final class LocalEngine implements ChatEngine {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
  static final String READY_PREFIX = "TARS-ENGINE-READY ";
  static final String FAILED_PREFIX = "TARS-ENGINE-FAILED ";

  /**
   * How to run the engine.
   *
   * @param tempDir private scratch folder (native libraries are unpacked under it); e.g. {@code AppPaths.temp()}
   * @param maxContextLength upper bound on the context window; the model's own is used when smaller
   * @param threads CPU threads for llama.cpp
   * @param javaExecutable the {@code java} that runs the child
   * @param classpath the child's classpath (must hold the llama-engine module and its dependencies)
   * @param jvmArgs extra JVM flags for the child
   * @param startTimeout how long loading may take before it counts as failed
   * @param healthInterval how often a ready engine is pinged (a hung one is killed and restarted)
   * @param maxRestarts crashes in a row after which the engine gives up (FAILED)
   */
  public record Options(Path tempDir, int maxContextLength, int threads, Path javaExecutable, String classpath,
      List<String> jvmArgs, Duration startTimeout, Duration healthInterval, int maxRestarts) {
    public Options {
      Objects.requireNonNull(tempDir, "tempDir");
      Objects.requireNonNull(javaExecutable, "javaExecutable");
      Objects.requireNonNull(classpath, "classpath");
      jvmArgs = List.copyOf(jvmArgs);
      if (maxContextLength < 64 || threads < 1 || maxRestarts < 0) {
        throw new IllegalArgumentException("maxContextLength >= 64, threads >= 1 and maxRestarts >= 0 please");
      }
    }

    /**
     * The engine child's JVM: a small heap (the model lives in native memory), one GC thread, and only the quick
     * JIT compiler on one thread. The child's Java code is a thin HTTP shell around llama.cpp; tiered C2 kept two
     * compiler threads busy, and the shell interpreted, through the first answers while llama.cpp needed every
     * core (decision 1430). C1 compiles a method after a tenth of the usual calls: at the default thresholds the
     * per-token path ran interpreted for about 200 tokens, which cost more than compiling it early (decision 1431).
     */
    public static final List<String> CHILD_JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:CompileThresholdScaling=0.1");

    /**
     * Defaults: this JVM's {@code java} and classpath, {@link #CHILD_JVM_FLAGS}, context up to 8192 tokens, one
     * thread per core, 2 minutes to load, a health check every 10 s, 5 restarts in a row.
     */
    public static Options defaults(Path tempDir) {
      String exe = System.getProperty("os.name", "").toLowerCase().contains("win") ? "java.exe" : "java";
      return new Options(tempDir, 8192, Math.max(1, Runtime.getRuntime().availableProcessors()),
          Path.of(System.getProperty("java.home"), "bin", exe), System.getProperty("java.class.path"),
          CHILD_JVM_FLAGS, Duration.ofMinutes(2), Duration.ofSeconds(10), 5);
    }

    public Options withMaxContextLength(int tokens) {
      return new Options(tempDir, tokens, threads, javaExecutable, classpath, jvmArgs, startTimeout, healthInterval,
          maxRestarts);
    }

    public Options withThreads(int count) {
      return new Options(tempDir, maxContextLength, count, javaExecutable, classpath, jvmArgs, startTimeout,
          healthInterval, maxRestarts);
    }

    public Options withHealthInterval(Duration interval) {
      return new Options(tempDir, maxContextLength, threads, javaExecutable, classpath, jvmArgs, startTimeout,
          interval, maxRestarts);
    }
  }

  /**
   * llama.cpp's own timing of one request, as it logs it: tokens read from the prompt (those not already in
   * the KV cache) and tokens generated, with the milliseconds each took. For benchmarks and diagnostics.
   *
   * @param sequence increases with every request the engine timed
   */
  public record NativeTimings(long sequence, int promptTokens, double promptMillis, int generatedTokens,
      double generationMillis) {
    public double promptPerSecond() {
      return promptTokens * 1000 / promptMillis;
    }

    public double generationPerSecond() {
      return generatedTokens * 1000 / generationMillis;
    }
  }

  private final ChildOutput output = new ChildOutput();


  private final Options options;
  private final List<EngineStatus.Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService supervisor = Executors.newSingleThreadExecutor(NamedThreads.named("engine-supervisor"));
  private final ExecutorService io = Executors.newCachedThreadPool(NamedThreads.named("engine-io"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("engine-timer"));
  private final ChildLauncher launcher;

  // Guarded by this.
  private Path modelFile;
  private EngineChild child;
  private CompletableFuture<EngineChild> ready;
  private EngineStatus status = EngineStatus.NONE;
  private long epoch;
  private int crashesInARow;
  private int missedHealthChecks;
  private boolean closed;

  public LocalEngine(Options options) {
    this.options = options;
    this.launcher = new ChildLauncher(options, output, io);
    long every = options.healthInterval().toMillis();
    timers.scheduleWithFixedDelay(this::checkHealth, every, every, TimeUnit.MILLISECONDS);
  }

  /** An engine with {@link Options#defaults} that starts loading {@code model} at once. */
  public static LocalEngine start(Path tempDir, Path model) throws EngineException {
    LocalEngine engine = new LocalEngine(Options.defaults(tempDir));
    try {
      engine.load(model);
      return engine;
    } catch (EngineException e) {
      engine.close();
      throw e;
    }
  }

  public void addStatusListener(EngineStatus.Listener listener) {
    listeners.add(listener);
    listener.statusChanged(status());
  }

  public void removeStatusListener(EngineStatus.Listener listener) {
    listeners.remove(listener);
  }

  public synchronized EngineStatus status() {
    return status;
  }

  /**
   * Checks {@code model} and starts serving it, replacing any model being served (its process is killed).
   * Returns once loading has started; {@link #model()} and the status tell when it is ready.
   *
   * @throws EngineException at once, with a one-line message, if the file is not a usable model
   */
  public void load(Path model) throws EngineException {
    GgufFile gguf = GgufFile.read(model);
    int trained = gguf.contextLength() > 0 ? gguf.contextLength() : 4096;
    int contextLength = Math.min(trained, options.maxContextLength());
    EngineChild old;
    long myEpoch;
    synchronized (this) {
      if (closed) {
        throw new EngineException("The engine has been closed.");
      }
      old = child;
      child = null;
      modelFile = model;
      myEpoch = ++epoch;
      crashesInARow = 0;
      if (ready != null && !ready.isDone()) {
        ready.completeExceptionally(new EngineException("Loading was replaced by " + model.getFileName() + "."));
      }
      ready = new CompletableFuture<>();
      setStatus(EngineStatus.local(State.LOADING, model.getFileName().toString()));
    }
    if (old != null) {
      supervisor.execute(() -> old.stop());
    }
    LOG.info("Loading {} ({}), context {} tokens", model, gguf, contextLength);
    supervisor.execute(() -> launch(myEpoch, model, contextLength));
  }

  /** Waits until the engine is ready; false if it failed or the wait timed out. */
  public boolean awaitReady(Duration timeout) {
    try {
      awaitChild(timeout);
      return true;
    } catch (EngineException e) {
      return false;
    }
  }

  @Override
  public ModelInfo model() throws EngineException {
    return awaitChild(options.startTimeout()).info();
  }

  @Override
  public int countTokens(List<ChatMessage> messages) throws EngineException {
    return awaitChild(options.startTimeout()).client().countTokens(messages);
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    RetryingGeneration generation = new RetryingGeneration(request, sink, () -> awaitChild(options.startTimeout()),
        io);
    EngineChild current;
    synchronized (this) {
      current = status.state() == State.READY ? child : null;
    }
    if (current != null && current.process().isAlive()) {
      generation.startOn(current);
    } else {
      io.execute(generation::awaitAndStart);
    }
    return generation;
  }

  private EngineChild awaitChild(Duration timeout) throws EngineException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      EngineChild c = awaitReadyFuture(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (c.process().isAlive()) {
        return c;
      }
      // It died before the exit watcher noticed: handle the crash now so the wait is for its successor.
      onExit(c.epoch(), c);
    }
  }

  private EngineChild awaitReadyFuture(long timeoutMillis) throws EngineException {
    CompletableFuture<EngineChild> waiting;
    synchronized (this) {
      if (closed) {
        throw new EngineException("The engine has been closed.");
      }
      if (ready == null) {
        throw new EngineException("No model is loaded; choose a GGUF model file first.");
      }
      waiting = ready;
    }
    try {
      return waiting.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof EngineException ee ? ee
          : new EngineException("The engine failed to start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new EngineException("The engine is not ready yet; it is still loading the model.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("Interrupted while waiting for the engine.", e);
    }
  }

  // ---- child process ----

  private void launch(long myEpoch, Path model, int contextLength) {
    synchronized (this) {
      if (closed || myEpoch != epoch) {
        return;
      }
    }
    try {
      EngineChild started = launcher.start(myEpoch, model, contextLength);
      synchronized (this) {
        if (closed || myEpoch != epoch) {
          started.stop();
          return;
        }
        child = started;
        missedHealthChecks = 0;
        ready.complete(started);
        setStatus(EngineStatus.local(State.READY, model.getFileName().toString()));
      }
      started.process().onExit().thenRun(() -> supervisorExecute(() -> onExit(myEpoch, started)));
    } catch (Exception e) {
      StartFailure reason = StartFailure.of(e, model.getFileName().toString(), options.startTimeout());
      String message = reason.getMessage();
      LOG.error("Engine start failed: {}", message, e);
      synchronized (this) {
        if (closed || myEpoch != epoch) {
          return;
        }
        ready.completeExceptionally(e instanceof EngineException ee ? ee : new EngineException(message, e));
        setStatus(EngineStatus.local(State.FAILED, message, reason.key, reason.args));
      }
    }
  }

  private void onExit(long myEpoch, EngineChild exited) {
    long delayMillis;
    synchronized (this) {
      if (closed || myEpoch != epoch || child != exited) {
        return;
      }
      child = null;
      // Closed later: a stream that is still reading must end with the crash's ERROR, not as closed.
      timers.schedule(exited.client()::close, 10, TimeUnit.SECONDS);
      if (System.nanoTime() - exited.readySince() > TimeUnit.SECONDS.toNanos(30)) {
        crashesInARow = 0;
      }
      crashesInARow++;
      int code = exited.process().exitValue();
      LOG.warn("Engine process {} exited with code {} (crash {} in a row)", exited.process().pid(), code, crashesInARow);
      ready = new CompletableFuture<>();
      if (crashesInARow > options.maxRestarts()) {
        String message = "The engine keeps stopping (" + crashesInARow + " times in a row, last exit code " + code
            + "); load the model again or choose another one.";
        ready.completeExceptionally(new EngineException(message));
        setStatus(EngineStatus.local(State.FAILED, message, "keepsStopping", crashesInARow, code));
        return;
      }
      delayMillis = Math.min(30_000, 500L << Math.min(6, crashesInARow - 1));
      setStatus(EngineStatus.local(State.RESTARTING,
          "The engine stopped unexpectedly (exit code " + code + "); restarting it.", "restarting", code));
    }
    Path model = modelFile;
    int contextLength = exited.info().contextLength();
    timers.schedule(() -> supervisorExecute(() -> launch(myEpoch, model, contextLength)), delayMillis,
        TimeUnit.MILLISECONDS);
  }

  private void checkHealth() {
    EngineChild current;
    synchronized (this) {
      current = status.state() == State.READY ? child : null;
    }
    if (current == null) {
      return;
    }
    if (launcher.healthy(current)) {
      synchronized (this) {
        missedHealthChecks = 0;
      }
      return;
    }
    boolean kill;
    synchronized (this) {
      kill = ++missedHealthChecks >= 2 && child == current;
    }
    if (kill) {
      LOG.warn("Engine process {} stopped answering health checks; killing it", current.process().pid());
      current.process().destroyForcibly();
    }
  }

  /** llama.cpp's timing of the latest request it finished, if any. */
  public Optional<NativeTimings> lastNativeTimings() {
    return output.lastTimings();
  }

  private void supervisorExecute(Runnable task) {
    try {
      supervisor.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("Engine closed; dropped a supervisor task");
    }
  }

  private void setStatus(EngineStatus next) {
    status = next;
    for (EngineStatus.Listener l : listeners) {
      try {
        l.statusChanged(next);
      } catch (RuntimeException e) {
        LOG.warn("Engine status listener failed", e);
      }
    }
  }

  /** The engine process's id while it runs (for tests and diagnostics). */
  public synchronized java.util.OptionalLong processId() {
    return child == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(child.process().pid());
  }

  @Override
  public void close() {
    EngineChild old;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      epoch++;
      old = child;
      child = null;
      if (ready != null && !ready.isDone()) {
        ready.completeExceptionally(new EngineException("The engine has been closed."));
      }
      setStatus(EngineStatus.NONE);
    }
    if (old != null) {
      old.stop();
    }
    timers.shutdownNow();
    supervisor.shutdownNow();
    io.shutdownNow();
    launcher.close();
    try {
      supervisor.awaitTermination(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
