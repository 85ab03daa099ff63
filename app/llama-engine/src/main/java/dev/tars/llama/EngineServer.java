package dev.tars.llama;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main class of the engine child process: loads one GGUF model with llama.cpp and serves it over loopback
 * HTTP (see {@link EngineApiHandler}).
 *
 * <p>Protocol with the parent: arguments {@code --model FILE [--ctx N] [--threads N] [--native-dir DIR]
 * [--port N] [--queue-timeout-ms N]}; the bearer token comes in environment variable {@value #TOKEN_ENV}
 * (never in argv, which other users can read). Once the model is loaded and the port bound, one line
 * {@code TARS-ENGINE-READY port=<port> ctx=<n>} goes to stdout; a load failure prints
 * {@code TARS-ENGINE-FAILED <reason>} and exits with {@value #EXIT_LOAD_FAILED}. llama.cpp logs to the same
 * stdout through C's buffer, so readers must look for these markers anywhere in a line. The process halts when its
 * stdin reaches end-of-file, i.e. when the parent dies or lets go: java-llama.cpp keeps a non-daemon native
 * thread that would otherwise keep it alive forever.
 */
public final class EngineServer {
  public static final String TOKEN_ENV = "TARS_ENGINE_TOKEN";
  public static final String READY_PREFIX = "TARS-ENGINE-READY ";
  public static final String FAILED_PREFIX = "TARS-ENGINE-FAILED ";
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_LOAD_FAILED = 3;
  /** Logback configuration used when the engine runs on its own: everything to stderr. */
  public static final String LOGBACK_CONFIG = "dev/tars/llama/logback-engine.xml";

  private EngineServer() {}

  record Options(Path model, int contextLength, int threads, Path nativeDir, int port, long queueTimeoutMillis,
      boolean watchStdin) {

    static Options parse(String[] args) {
      Path model = null;
      int ctx = 4096;
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      Path nativeDir = null;
      int port = 0;
      long queueTimeout = 120_000;
      boolean watchStdin = true;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--model" -> model = Path.of(value(args, ++i, a));
          case "--ctx" -> ctx = Integer.parseInt(value(args, ++i, a));
          case "--threads" -> threads = Integer.parseInt(value(args, ++i, a));
          case "--native-dir" -> nativeDir = Path.of(value(args, ++i, a));
          case "--port" -> port = Integer.parseInt(value(args, ++i, a));
          case "--queue-timeout-ms" -> queueTimeout = Long.parseLong(value(args, ++i, a));
          case "--no-stdin-watch" -> watchStdin = false;
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (model == null) {
        throw new IllegalArgumentException("--model FILE is required");
      }
      if (ctx < 16 || threads < 1) {
        throw new IllegalArgumentException("--ctx must be at least 16 and --threads at least 1");
      }
      return new Options(model, ctx, threads, nativeDir, port, queueTimeout, watchStdin);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) {
    // Started by Tars, the app's logback.xml (tars.logfile=engine) applies; started alone, log to stderr.
    if (System.getProperty("logback.configurationFile") == null && System.getProperty("tars.logfile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      out.println(FAILED_PREFIX + "bad arguments: " + e.getMessage());
      Runtime.getRuntime().halt(EXIT_USAGE);
      return;
    }
    String token = System.getenv(TOKEN_ENV);
    if (token == null || token.length() < 16) {
      out.println(FAILED_PREFIX + "environment variable " + TOKEN_ENV + " must hold a bearer token of 16+ characters");
      Runtime.getRuntime().halt(EXIT_USAGE);
      return;
    }
    Logger log = LoggerFactory.getLogger(EngineServer.class);
    ThreadFactory threads = named("tars-engine");
    if (options.watchStdin()) {
      threads.newThread(EngineServer::haltOnStdinEof).start();
    }
    LlamaBackend backend;
    try {
      Path nativeDir = options.nativeDir() != null ? options.nativeDir()
          : Files.createTempDirectory("tars-llama-native");
      Files.createDirectories(nativeDir);
      // java-llama.cpp deletes every llama*/jllama* file in its temp dir: give it one of its own.
      System.setProperty("de.kherud.llama.tmpdir", nativeDir.toString());
      if (!Files.isRegularFile(options.model())) {
        throw new IOException("model file not found: " + options.model());
      }
      long start = System.nanoTime();
      backend = new LlamaBackend(options.model(), options.contextLength(), options.threads());
      log.info("Loaded {} (context {}, {} threads) in {} ms", options.model(), options.contextLength(),
          options.threads(), (System.nanoTime() - start) / 1_000_000);
    } catch (Throwable e) {
      log.error("Could not load model {}", options.model(), e);
      out.println(FAILED_PREFIX + "llama.cpp could not load " + options.model() + ": " + oneLine(e));
      Runtime.getRuntime().halt(EXIT_LOAD_FAILED);
      return;
    }
    try {
      QueuedThreadPool pool = new QueuedThreadPool(32, 2, 60_000, -1, null, null, named("tars-engine-http"));
      pool.setName("tars-engine-http");
      pool.setDaemon(true);
      Server server = new Server(pool);
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(options.port());
      // Generation of a long answer on a big model can pause between writes; the parent has its own timeouts.
      connector.setIdleTimeout(600_000);
      server.addConnector(connector);
      server.setHandler(new EngineApiHandler(backend, token, options.queueTimeoutMillis()));
      server.start();
      out.println(READY_PREFIX + "port=" + connector.getLocalPort() + " ctx=" + backend.contextLength());
      log.info("Serving {} on 127.0.0.1:{}", backend.modelId(), connector.getLocalPort());
    } catch (Exception e) {
      log.error("Could not start the HTTP server", e);
      out.println(FAILED_PREFIX + "could not start the engine's HTTP server: " + oneLine(e));
      Runtime.getRuntime().halt(EXIT_LOAD_FAILED);
    }
  }

  private static void haltOnStdinEof() {
    try (InputStream in = System.in) {
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // The parent writes nothing; reading only detects that it has gone.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end-of-file: the parent is gone.
    }
    Runtime.getRuntime().halt(0);
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
