package dev.tars.engine.local;

import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import dev.tars.engine.gguf.GgufFile;
import dev.tars.engine.EngineStatus;
import dev.tars.engine.EngineStatus.State;
import dev.tars.engine.openai.OpenAiChatEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 */
public final class LocalEngine implements ChatEngine {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
  private static final Logger CHILD_LOG = LoggerFactory.getLogger("dev.tars.engine.child");
  private static final String MAIN_CLASS = "dev.tars.llama.EngineServer";
  private static final String READY_PREFIX = "TARS-ENGINE-READY ";
  private static final String FAILED_PREFIX = "TARS-ENGINE-FAILED ";

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
     * Defaults: this JVM's {@code java} and classpath, context up to 8192 tokens, one thread per core,
     * 2 minutes to load, a health check every 10 s, 5 restarts in a row.
     */
    public static Options defaults(Path tempDir) {
      String exe = System.getProperty("os.name", "").toLowerCase().contains("win") ? "java.exe" : "java";
      return new Options(tempDir, 8192, Math.max(1, Runtime.getRuntime().availableProcessors()),
          Path.of(System.getProperty("java.home"), "bin", exe), System.getProperty("java.class.path"),
          List.of("-Xmx256m", "-XX:+UseSerialGC"), Duration.ofMinutes(2), Duration.ofSeconds(10), 5);
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

  // "WARN  [thread] logger - text" or, with the test logging set-up, "03:19:13.975 [main] WARN  logger - text".
  private static final Pattern CHILD_LEVEL =
      Pattern.compile("^(?:[\\d:.T-]+(?:\\s+[\\d:.]+)?\\s+(?:\\[[^]]*]\\s+)?)?(ERROR|WARN|INFO)\\b");
  private static final Pattern PROMPT_TIMING = Pattern.compile("prompt eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");
  private static final Pattern EVAL_TIMING = Pattern.compile("^\\s*eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");

  private volatile NativeTimings lastTimings;

  /** One running child process and the client that talks to it. */
  private record Child(long epoch, Process process, OpenAiChatEngine client, ModelInfo info, URI baseUri,
      long readySince) {}

  private final Options options;
  private final List<EngineStatus.Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService supervisor = Executors.newSingleThreadExecutor(NamedThreads.named("engine-supervisor"));
  private final ExecutorService io = Executors.newCachedThreadPool(NamedThreads.named("engine-io"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.named("engine-timer"));
  private final HttpClient healthClient;
  private final SecureRandom random = new SecureRandom();

  // Guarded by this.
  private Path modelFile;
  private Child child;
  private CompletableFuture<Child> ready;
  private EngineStatus status = EngineStatus.NONE;
  private long epoch;
  private int crashesInARow;
  private int missedHealthChecks;
  private boolean closed;

  public LocalEngine(Options options) {
    this.options = options;
    this.healthClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(io).build();
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
    Child old;
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
      supervisor.execute(() -> kill(old));
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
    ManagedGeneration generation = new ManagedGeneration(request, sink);
    Child current;
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

  /**
   * A generation that waits for the engine when it is (re)starting, and retries once when the request never
   * reached a live engine (it died just before; nothing was streamed, so nothing is repeated).
   */
  private final class ManagedGeneration implements Generation {
    private final ChatRequest request;
    private final TokenSink sink;
    private final CompletableFuture<Completion> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private Generation delegate; // guarded by this
    private int attempts; // guarded by this

    ManagedGeneration(ChatRequest request, TokenSink sink) {
      this.request = request;
      this.sink = sink;
    }

    void awaitAndStart() {
      try {
        startOn(awaitChild(options.startTimeout()));
      } catch (EngineException e) {
        result.complete(cancelled ? cancelledEmpty() : new Completion("", FinishReason.ERROR, -1, -1, e));
      }
    }

    void startOn(Child c) {
      Generation started;
      synchronized (this) {
        if (cancelled) {
          result.complete(cancelledEmpty());
          return;
        }
        attempts++;
        started = c.client().generate(request, sink);
        delegate = started;
      }
      started.result().whenComplete((completion, failure) -> finished(c, completion));
    }

    private void finished(Child c, Completion completion) {
      boolean retry;
      synchronized (this) {
        retry = completion.finishReason() == FinishReason.ERROR && completion.text().isEmpty() && !cancelled
            && attempts < 2;
      }
      if (retry && died(c)) {
        LOG.info("The engine died before answering; waiting for its restart to ask again");
        io.execute(this::awaitAndStart);
      } else {
        result.complete(completion);
      }
    }

    private boolean died(Child c) {
      try {
        c.process().onExit().get(3, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        return false;
      }
    }

    @Override
    public void cancel() {
      Generation d;
      synchronized (this) {
        cancelled = true;
        d = delegate;
      }
      if (d != null) {
        d.cancel();
      } else {
        result.complete(cancelledEmpty());
      }
    }

    @Override
    public CompletableFuture<Completion> result() {
      return result;
    }
  }

  private static Completion cancelledEmpty() {
    return new Completion("", FinishReason.CANCELLED, -1, -1, null);
  }

  private Child awaitChild(Duration timeout) throws EngineException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Child c = awaitReadyFuture(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (c.process().isAlive()) {
        return c;
      }
      // It died before the exit watcher noticed: handle the crash now so the wait is for its successor.
      onExit(c.epoch(), c);
    }
  }

  private Child awaitReadyFuture(long timeoutMillis) throws EngineException {
    CompletableFuture<Child> waiting;
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
    Deque<String> recentErrors = new ArrayDeque<>();
    Process process = null;
    try {
      Path nativeDir = options.tempDir().resolve("llama-native");
      Files.createDirectories(nativeDir);
      String token = newToken();
      List<String> command = new ArrayList<>();
      command.add(options.javaExecutable().toString());
      command.add("--enable-native-access=ALL-UNNAMED");
      // The app's logback.xml sends the child's own log to engine.log next to tars.log; llama.cpp's native
      // output arrives on stderr and is forwarded into this process's log.
      command.add("-Dtars.logfile=engine");
      if (System.getProperty("tars.logs") != null) {
        command.add("-Dtars.logs=" + System.getProperty("tars.logs"));
      }
      command.add("-Djava.io.tmpdir=" + options.tempDir());
      command.addAll(options.jvmArgs());
      command.addAll(List.of("-cp", options.classpath(), MAIN_CLASS, "--model", model.toString(),
          "--ctx", Integer.toString(contextLength), "--threads", Integer.toString(options.threads()),
          "--native-dir", nativeDir.toString()));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("TARS_ENGINE_TOKEN", token);
      long start = System.nanoTime();
      process = builder.start();
      LOG.info("Started engine process {} for {}", process.pid(), model.getFileName());
      Process p = process;
      io.execute(() -> forwardLog(p, recentErrors));
      CompletableFuture<String> readyLine = new CompletableFuture<>();
      io.execute(() -> readStdout(p, readyLine));
      String line = readyLine.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (line == null || !line.startsWith(READY_PREFIX)) {
        p.waitFor(2, TimeUnit.SECONDS);
        String reason = line != null ? line.substring(FAILED_PREFIX.length())
            : "the engine process exited" + (p.isAlive() ? "" : " with code " + p.exitValue()) + " while loading"
                + lastError(recentErrors);
        throw new EngineException("Could not load " + model.getFileName() + ": " + reason);
      }
      int port = Integer.parseInt(line.replaceAll(".*port=(\\d+).*", "$1"));
      URI base = URI.create("http://127.0.0.1:" + port);
      OpenAiChatEngine client = new OpenAiChatEngine(OpenAiChatEngine.Options.llamaCpp(base, token));
      Child started = new Child(myEpoch, p, client, new ModelInfo(model.getFileName().toString(), contextLength), base,
          System.nanoTime());
      if (!healthy(started)) {
        client.close();
        throw new EngineException("The engine for " + model.getFileName() + " started but does not answer.");
      }
      synchronized (this) {
        if (closed || myEpoch != epoch) {
          client.close();
          kill(started);
          return;
        }
        child = started;
        missedHealthChecks = 0;
        ready.complete(started);
        setStatus(EngineStatus.local(State.READY, model.getFileName().toString()));
      }
      LOG.info("Engine ready on port {} after {} ms", port, (System.nanoTime() - start) / 1_000_000);
      p.onExit().thenRun(() -> supervisorExecute(() -> onExit(myEpoch, started)));
    } catch (Exception e) {
      if (process != null) {
        process.destroyForcibly();
      }
      String message = e instanceof EngineException ? e.getMessage()
          : e instanceof TimeoutException ? "Loading " + model.getFileName() + " took longer than "
              + options.startTimeout().toSeconds() + " s; the engine was stopped."
          : "Could not start the engine for " + model.getFileName() + ": " + e.getMessage();
      LOG.error("Engine start failed: {}", message, e);
      synchronized (this) {
        if (closed || myEpoch != epoch) {
          return;
        }
        ready.completeExceptionally(e instanceof EngineException ee ? ee : new EngineException(message, e));
        setStatus(EngineStatus.local(State.FAILED, message));
      }
    }
  }

  private void onExit(long myEpoch, Child exited) {
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
        setStatus(EngineStatus.local(State.FAILED, message));
        return;
      }
      delayMillis = Math.min(30_000, 500L << Math.min(6, crashesInARow - 1));
      setStatus(EngineStatus.local(State.RESTARTING,
          "The engine stopped unexpectedly (exit code " + code + "); restarting it."));
    }
    Path model = modelFile;
    int contextLength = exited.info().contextLength();
    timers.schedule(() -> supervisorExecute(() -> launch(myEpoch, model, contextLength)), delayMillis,
        TimeUnit.MILLISECONDS);
  }

  private void checkHealth() {
    Child current;
    synchronized (this) {
      current = status.state() == State.READY ? child : null;
    }
    if (current == null) {
      return;
    }
    if (healthy(current)) {
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

  private boolean healthy(Child c) {
    try {
      HttpResponse<Void> response = healthClient.send(
          HttpRequest.newBuilder(c.baseUri().resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void readStdout(Process p, CompletableFuture<String> readyLine) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        // llama.cpp's own log shares stdout through C's buffer, so the protocol line may land mid-line.
        int ready = line.indexOf(READY_PREFIX);
        int failed = line.indexOf(FAILED_PREFIX);
        if (ready >= 0 || failed >= 0) {
          readyLine.complete(line.substring(ready >= 0 ? ready : failed));
        } else {
          CHILD_LOG.debug("{}", line);
        }
      }
    } catch (IOException e) {
      LOG.debug("Engine stdout closed", e);
    }
    readyLine.complete(null);
  }

  /** llama.cpp's timing of the latest request it finished, if any. */
  public Optional<NativeTimings> lastNativeTimings() {
    return Optional.ofNullable(lastTimings);
  }

  private void forwardLog(Process p, Deque<String> recentErrors) {
    Matcher prompt = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        Matcher m = PROMPT_TIMING.matcher(line);
        if (m.find()) {
          prompt = m;
        } else if (prompt != null && (m = EVAL_TIMING.matcher(line)).find()) {
          NativeTimings previous = lastTimings;
          lastTimings = new NativeTimings(previous == null ? 1 : previous.sequence() + 1,
              Integer.parseInt(prompt.group(2)), Double.parseDouble(prompt.group(1)), Integer.parseInt(m.group(2)),
              Double.parseDouble(m.group(1)));
          prompt = null;
        }
        String level = levelOf(line);
        if (level.equals("ERROR") || level.equals("WARN")) {
          CHILD_LOG.warn("{}", line);
          synchronized (recentErrors) {
            recentErrors.addLast(line);
            if (recentErrors.size() > 5) {
              recentErrors.removeFirst();
            }
          }
        } else if (level.equals("INFO")) {
          CHILD_LOG.info("{}", line);
        } else {
          CHILD_LOG.debug("{}", line);
        }
      }
    } catch (IOException e) {
      LOG.debug("Engine stderr closed", e);
    }
  }

  /** The log level of a child's line: first word, or the word after a timestamp; empty for native output. */
  static String levelOf(String line) {
    Matcher m = CHILD_LEVEL.matcher(line);
    return m.find() ? m.group(1) : "";
  }

  private static String lastError(Deque<String> recentErrors) {
    synchronized (recentErrors) {
      return recentErrors.isEmpty() ? "" : " (" + recentErrors.getLast().replaceFirst(".*? - ", "") + ")";
    }
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void supervisorExecute(Runnable task) {
    try {
      supervisor.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("Engine closed; dropped a supervisor task");
    }
  }

  /** Lets the child halt itself (stdin closed), then forces it. Bounded: about 3 s at most. */
  private static void kill(Child c) {
    c.client().close();
    Process p = c.process();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(1, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          LOG.warn("Engine process {} did not exit after being killed", p.pid());
        }
      }
    } catch (IOException e) {
      p.destroyForcibly();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LOG.info("Stopped engine process {}", p.pid());
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
    Child old;
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
      kill(old);
    }
    timers.shutdownNow();
    supervisor.shutdownNow();
    io.shutdownNow();
    healthClient.shutdownNow();
    try {
      supervisor.awaitTermination(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
