package dev.tars.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An engine child process ({@code dev.tars.llama.EngineServer}) started by a test on its own, outside any
 * supervisor: for testing the server, and OpenAI clients against a server they did not start. Needs the
 * engine module on the test classpath.
 */
public final class EngineChild implements AutoCloseable {
  private static final String MAIN = "dev.tars.llama.EngineServer";

  private final Process process;
  private final String token;
  private volatile int port = -1;
  private final StringBuffer stderr = new StringBuffer();

  private EngineChild(Process process, String token) {
    this.process = process;
    this.token = token;
  }

  /** Starts an engine on {@code model} and waits (up to 60 s) until it serves. */
  public static EngineChild start(Path model, String... extraArgs) {
    String token = UUID.randomUUID().toString();
    Result result = launch(model, token, extraArgs);
    if (result.readyLine == null) {
      throw new IllegalStateException("engine did not start: " + result.lines + "\n" + result.child.stderr);
    }
    return result.child;
  }

  /**
   * Starts an engine that is expected to fail; returns its stdout lines and exit code after it exits.
   */
  public static Failure startExpectingFailure(Path model, String... extraArgs) {
    Result result = launch(model, UUID.randomUUID().toString(), extraArgs);
    try {
      if (!result.child.process.waitFor(60, TimeUnit.SECONDS)) {
        result.child.close();
        throw new IllegalStateException("engine did not exit: " + result.lines);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Failure(result.lines, result.child.process.exitValue(), result.child.stderr.toString());
  }

  /** What a failed engine said on stdout, how it exited, and its log. */
  public record Failure(List<String> stdout, int exitCode, String stderr) {}

  private record Result(EngineChild child, String readyLine, List<String> lines) {}

  private static Result launch(Path model, String token, String... extraArgs) {
    try {
      Path nativeDir = Files.createTempDirectory("tars-engine-native");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), MAIN,
          "--model", model.toString(), "--ctx", "2048", "--threads", "2", "--native-dir", nativeDir.toString()));
      command.addAll(List.of(extraArgs));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("TARS_ENGINE_TOKEN", token);
      Process process = builder.start();
      EngineChild child = new EngineChild(process, token);
      daemon("stderr", child::drainStderr);
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<String> ready = new CompletableFuture<>();
      daemon("stdout", () -> {
        try {
          for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
            int at = line.indexOf("TARS-ENGINE-READY ");
            if (at >= 0) {
              ready.complete(line.substring(at));
              drain(out);
              return;
            }
          }
        } catch (IOException e) {
          // treated as not ready below
        }
        ready.complete(null);
      });
      String line = ready.get(60, TimeUnit.SECONDS);
      if (line == null) {
        return new Result(child, null, lines);
      }
      child.port = Integer.parseInt(line.replaceAll(".*port=(\\d+).*", "$1"));
      return new Result(child, line, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("engine did not start in time", e);
    }
  }

  // Test fixture: plain daemon threads, so blocking pipe reads never starve a shared pool.
  private static void daemon(String name, Runnable task) {
    Thread.ofPlatform().daemon().name("testkit-engine-" + name).start(task);
  }

  private void drainStderr() {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        stderr.append(line).append('\n');
      }
    } catch (IOException e) {
      // The process is gone; nothing more to read.
    }
  }

  private static void drain(BufferedReader reader) {
    try (reader) {
      while (reader.readLine() != null) {
        // keep the pipe from filling up
      }
    } catch (IOException e) {
      // The process is gone; nothing more to read.
    }
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public String token() {
    return token;
  }

  /** What the engine logged so far. */
  public String stderr() {
    return stderr.toString();
  }

  public Process process() {
    return process;
  }

  /** Closes the child's stdin: it must then halt by itself. */
  public void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
