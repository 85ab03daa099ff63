package dev.tars.engine.local;

import dev.tars.engine.ModelInfo;
import dev.tars.engine.openai.OpenAiChatEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one engine child process and waits until it serves: its command line, the bearer token in its
 * environment, its ready line, the client that talks to it, its first health check. Also checks the health of a
 * running one. What {@link LocalEngine} does with a child once started (ready, restarts, failure) stays there.
 */
final class ChildLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ChildLauncher.class);
  private static final String MAIN_CLASS = "dev.tars.llama.EngineServer";

  private final LocalEngine.Options options;
  private final ChildOutput output;
  private final ExecutorService io;
  private final HttpClient healthClient;
  private final SecureRandom random = new SecureRandom();

  /** @param io runs the readers of the child's output and the health checks' HTTP client */
  ChildLauncher(LocalEngine.Options options, ChildOutput output, ExecutorService io) {
    this.options = options;
    this.output = output;
    this.io = io;
    this.healthClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(io).build();
  }

  /**
   * Starts a child serving {@code model} and returns it once it answers; the process is killed if it does not.
   *
   * @throws StartFailure when the child says it cannot load the model, exits, or does not answer
   * @throws java.util.concurrent.TimeoutException when loading takes longer than the start timeout
   */
  EngineChild start(long epoch, Path model, int contextLength) throws Exception {
    Deque<String> recentErrors = new ArrayDeque<>();
    Process process = null;
    try {
      Path nativeDir = options.tempDir().resolve("llama-native");
      Files.createDirectories(nativeDir);
      String token = newToken();
      ProcessBuilder builder = new ProcessBuilder(childCommand(model, contextLength, nativeDir));
      builder.environment().put("TARS_ENGINE_TOKEN", token);
      long start = System.nanoTime();
      process = builder.start();
      LOG.info("Started engine process {} for {}", process.pid(), model.getFileName());
      Process p = process;
      io.execute(() -> output.forwardLog(p, recentErrors));
      CompletableFuture<String> readyLine = new CompletableFuture<>();
      io.execute(() -> ChildOutput.readStdout(p, readyLine));
      String line = readyLine.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (line == null || !line.startsWith(LocalEngine.READY_PREFIX)) {
        p.waitFor(2, TimeUnit.SECONDS);
        String reason = line != null ? line.substring(LocalEngine.FAILED_PREFIX.length())
            : "the engine process exited" + (p.isAlive() ? "" : " with code " + p.exitValue()) + " while loading"
                + ChildOutput.lastError(recentErrors);
        throw new StartFailure("Could not load " + model.getFileName() + ": " + reason, "loadFailed",
            model.getFileName().toString(), reason);
      }
      int port = Integer.parseInt(line.replaceAll(".*port=(\\d+).*", "$1"));
      URI base = URI.create("http://127.0.0.1:" + port);
      OpenAiChatEngine client = new OpenAiChatEngine(OpenAiChatEngine.Options.engineChild(base, token));
      EngineChild started = new EngineChild(epoch, p, client,
          new ModelInfo(model.getFileName().toString(), contextLength), base, System.nanoTime());
      if (!healthy(started)) {
        client.close();
        throw new StartFailure("The engine for " + model.getFileName() + " started but does not answer.",
            "notAnswering", model.getFileName().toString());
      }
      LOG.info("Engine process {} serves on port {} after {} ms", p.pid(), port, (System.nanoTime() - start) / 1_000_000);
      return started;
    } catch (Exception e) {
      if (process != null) {
        process.destroyForcibly();
      }
      throw e;
    }
  }

  /** Whether {@code c} answers its health check within 5 s. */
  boolean healthy(EngineChild c) {
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

  void close() {
    healthClient.shutdownNow();
  }

  /** The child JVM's command line; the token goes in its environment, never here (other users can read argv). */
  private List<String> childCommand(Path model, int contextLength, Path nativeDir) {
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
    return command;
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
