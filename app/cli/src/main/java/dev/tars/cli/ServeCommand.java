package dev.tars.cli;

import dev.tars.api.ApiServer;
import dev.tars.concurrent.NamedThreads;
import dev.tars.runtime.LocalApi;
import dev.tars.runtime.RuntimeOptions;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tars serve}: the OpenAI-compatible local API until Ctrl+C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the OpenAI-compatible local API (http://127.0.0.1:4891/v1 by default) until Ctrl+C.",
        "Clients send the API key this prints as 'Authorization: Bearer <key>'. Every request is recorded in"
            + " logs/api-audit.jsonl under the data folder."})
final class ServeCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "4891", paramLabel = "N",
      description = "Port to listen on (default: ${DEFAULT-VALUE}). When it is taken, serving fails and says by"
          + " which program; 0 lets Tars pick a free port and print it.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this computer only).")
  String host;

  @Option(names = "--allow-remote",
      description = "Allow a --host that other computers can reach (the key then travels over plain HTTP).")
  boolean allowRemote;

  @Option(names = "--model", paramLabel = "FILE.gguf",
      description = "Serve this GGUF model; without it, the engine chosen in the app (tars models use).")
  Path model;

  @Option(names = "--ctx", defaultValue = "4096", description = "Context window for --model (default: ${DEFAULT-VALUE}).")
  int contextSize;

  @Option(names = "--threads", defaultValue = "0", description = "CPU threads for --model; 0 = one per core.")
  int threads;

  @Option(names = "--history", description = "Also keep every chat completion in the app's history.")
  boolean history;

  @Option(names = "--no-knowledge",
      description = "Do not load the knowledge base (no /v1/embeddings, no answers from documents; starts faster).")
  boolean noKnowledge;

  @Option(names = "--allow-actions",
      description = "Let MCP clients (at /mcp) create notes, reminders, events and memories. Without it, only when"
          + " Settings -> Local API allows actions from other apps.")
  boolean allowActions;

  @Option(names = "--max-parallel", defaultValue = "4", paramLabel = "N",
      description = "Requests worked on at once; more get HTTP 429 (default: ${DEFAULT-VALUE}).")
  int maxParallel;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535 || maxParallel < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--port must be 0..65535 and --max-parallel at least 1");
    }
    ApiServer.checkHost(host, allowRemote);
    PrintWriter out = spec.commandLine().getOut();
    StopSignal signal = new StopSignal();
    try (TarsRuntime runtime = CliRuntime.open(options -> {
      RuntimeOptions served = model == null ? options : options.withModel(model, contextSize, threads);
      return noKnowledge ? served.withoutKnowledge() : served;
    })) {
      String modelName = runtime.engines().awaitReady(CliChat.LOAD_LIMIT).model().id();
      LocalApi api = runtime.localApi();
      String key = api.key();
      ApiServer.Options options = ApiServer.Options.defaults(key).withPort(port).withHost(host, allowRemote)
          .withLimits(4L << 20, maxParallel).withHistory(history)
          .withDefaults(runtime.settings().get().defaultSampling());
      boolean actions = allowActions || runtime.settings().get().apiAllowActions();
      // `tars mcp` relays to this process while it holds the data folder.
      runtime.publishMcpRelay();
      try (LocalApi.Served served = api.serve(options, actions)) {
        ApiServer server = served.server();
        server.warning().ifPresent(w -> {
          spec.commandLine().getErr().println(w);
          spec.commandLine().getErr().flush();
        });
        if (server.portChosenByTars()) {
          out.println("Tars chose port " + server.port() + " itself (--port 0): give clients the address below;"
              + " it can change at the next start.");
        }
        out.println("Tars local API: " + server.baseUrl() + "  (model: " + modelName
            + (runtime.knowledgeIfAvailable().map(k -> "; embeddings: " + k.embedder().modelName())
                .orElse("; no knowledge base")) + ")");
        out.println("API key: " + key + "  (kept in " + api.keyFile() + ")");
        out.println("Audit log: " + served.audit().file() + (history ? "; requests are also kept in the history" : ""));
        out.println("MCP (Streamable HTTP, same key): " + server.baseUrl().replaceFirst("/v1$", "/mcp")
            + (actions ? "  (actions from other apps allowed)" : ""));
        out.println("Press Ctrl+C to stop.");
        out.flush();
        signal.await();
      }
      out.println("Stopped.");
      out.flush();
      return ExitCodes.OK;
    } finally {
      signal.closed();
    }
  }

  /**
   * Ctrl+C (the JVM's shutdown) or, in tests, an interrupt of the serving thread ends {@link #await}; the
   * shutdown hook then waits (at most 10 s) until {@link #closed} says the server and engine are closed.
   */
  private static final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    StopSignal() {
      hook = NamedThreads.named("serve-stop").newThread(() -> {
        stop.countDown();
        try {
          closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      Runtime.getRuntime().addShutdownHook(hook);
    }

    void await() {
      try {
        stop.await();
      } catch (InterruptedException e) {
        // The interrupt was the request to stop, and it is served by returning: closing must not be cut short.
        LOG.info("Serving thread interrupted; stopping the local API");
      }
    }

    void closed() {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it is waiting for exactly this.
      }
    }
  }
}
