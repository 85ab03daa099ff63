package dev.tars.mcpclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.files.ProgramLookup;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP server, through the official MCP Java SDK: connected on first use (starting the command, or opening the
 * HTTP session), its tools listed, its tools called within the server's time limit. A call that fails for any
 * reason other than the tool's own error (the server died, the time ran out, the connection broke) drops the
 * connection: the next use starts the server again. A command server that dies mid-call fails the call at once
 * (its process is watched), not after the time limit. Thread-safe; calls to one server run one at a time.
 */
public final class McpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Most tool pages read from one server (a server that keeps paging is cut off there). */
  private static final int MAX_TOOL_PAGES = 20;

  /** Where the connection stands, for the Settings page. */
  public enum Status { NOT_CONNECTED, CONNECTING, CONNECTED, FAILED }

  /**
   * What went wrong last, for the Settings page to put in the person's language; {@link #problem()} says the same
   * in English for the log and the model.
   *
   * @param reason the technical detail (an exception's message, the command that was not found)
   */
  public record Problem(Kind kind, String reason) {
    public enum Kind { NONE, COMMAND_NOT_FOUND, CONNECT_FAILED, TIMED_OUT, CALL_FAILED }

    public static final Problem NONE = new Problem(Kind.NONE, "");
  }

  /** One tool the server offers. */
  public record ServerTool(String name, String description, JsonNode inputSchema) {}

  /** Held while a command server starts, so that the new child process of this JVM is known to be its own. */
  private static final Object STARTING = new Object();

  private final McpServerConfig config;
  private final String clientVersion;
  private McpAsyncClient client;
  private ProcessHandle process;
  private volatile Status status = Status.NOT_CONNECTED;
  private volatile String problem = "";
  private volatile Problem lastProblem = Problem.NONE;
  private volatile List<ServerTool> tools = List.of();

  public McpServer(McpServerConfig config, String clientVersion) {
    this.config = config;
    this.clientVersion = clientVersion;
  }

  public McpServerConfig config() {
    return config;
  }

  public Status status() {
    return status;
  }

  /** Why the last connection or call failed, for a person; empty when nothing failed. */
  public String problem() {
    return problem;
  }

  /** What went wrong last, to be worded for a person; {@link Problem#NONE} when nothing failed. */
  public Problem lastProblem() {
    return lastProblem;
  }

  /** The tools listed when the server was last connected; empty before. */
  public List<ServerTool> knownTools() {
    return tools;
  }

  /** Connects if needed and lists the server's tools. */
  public synchronized List<ServerTool> listTools() throws McpServerException {
    McpAsyncClient connected = connected();
    try {
      List<ServerTool> listed = new ArrayList<>();
      String cursor = null;
      for (int page = 0; page < MAX_TOOL_PAGES; page++) {
        McpSchema.ListToolsResult result = await(cursor == null ? connected.listTools().toFuture()
            : connected.listTools(cursor).toFuture());
        for (McpSchema.Tool tool : result.tools()) {
          listed.add(new ServerTool(tool.name(), tool.description() == null ? "" : tool.description(),
              JSON.valueToTree(tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema())));
        }
        cursor = result.nextCursor();
        if (cursor == null) {
          break;
        }
      }
      tools = List.copyOf(listed);
      return tools;
    } catch (ExecutionException | RuntimeException e) {
      throw dropped("listing its tools", e);
    }
  }

  /**
   * Calls {@code tool} and returns its result as text for the model (text parts as they are, other parts
   * described).
   *
   * @throws McpServerException with a message for a person when the call could not be made or the tool failed
   */
  public synchronized String call(String tool, JsonNode arguments) throws McpServerException {
    McpAsyncClient connected = connected();
    McpSchema.CallToolResult result;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> args = JSON.convertValue(arguments, Map.class);
      result = await(connected.callTool(new McpSchema.CallToolRequest(tool, args == null ? Map.of() : args))
          .toFuture());
    } catch (ExecutionException | RuntimeException e) {
      throw dropped("running " + tool, e);
    }
    String text = McpResults.text(result);
    if (Boolean.TRUE.equals(result.isError())) {
      throw new McpServerException("The tool " + tool + " of " + config.name() + " reported an error: " + text);
    }
    return text;
  }

  /**
   * Waits for a request: the SDK ends it with a timeout after the server's time limit; a command server whose
   * process ends first fails it at once.
   */
  private <T> T await(CompletableFuture<T> request) throws ExecutionException {
    CompletableFuture<?> died = process == null ? new CompletableFuture<>() : process.onExit();
    try {
      CompletableFuture.anyOf(request, died).get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.cancel(true);
      throw new ExecutionException(e);
    } catch (TimeoutException e) {
      request.cancel(true);
      throw new ExecutionException(e);
    } catch (ExecutionException e) {
      // The request failed: reported below.
    }
    if (!request.isDone()) {
      request.cancel(true);
      throw new ExecutionException(new IllegalStateException("the server stopped"));
    }
    try {
      return request.join();
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      throw new ExecutionException(e.getCause() == null ? e : e.getCause());
    }
  }

  private McpAsyncClient connected() throws McpServerException {
    if (client != null) {
      return client;
    }
    status = Status.CONNECTING;
    if (config.isCommand() && ProgramLookup.here().find(config.command(),
        config.env().getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""))).isEmpty()) {
      // The SDK would wait for a process that never started until the time limit; say so at once.
      status = Status.FAILED;
      lastProblem = new Problem(Problem.Kind.COMMAND_NOT_FOUND, config.command());
      problem = "Tars could not start " + config.name() + ": the command \"" + config.command()
          + "\" was not found. Check its command in Settings → Tools (is the program installed, and on the PATH?).";
      LOG.warn("MCP server {}: command not found: {}", config.name(), config.command());
      throw new McpServerException(problem);
    }
    McpAsyncClient built = null;
    try {
      synchronized (STARTING) {
        Set<Long> before = childPids();
        built = McpClient.async(transport()).requestTimeout(config.timeout())
            .initializationTimeout(config.timeout()).clientInfo(new McpSchema.Implementation("tars", clientVersion))
            .build();
        await(built.initialize().toFuture());
        process = config.isCommand() ? ProcessHandle.current().children()
            .filter(p -> !before.contains(p.pid())).findFirst().orElse(null) : null;
      }
      client = built;
      status = Status.CONNECTED;
      problem = "";
      lastProblem = Problem.NONE;
      LOG.info("Connected to MCP server {} ({})", config.name(), config.location());
      return client;
    } catch (ExecutionException | RuntimeException e) {
      status = Status.FAILED;
      lastProblem = new Problem(Problem.Kind.CONNECT_FAILED, reason(e));
      problem = "Tars could not connect to " + config.name() + " (" + reason(e) + "). Check its "
          + (config.isCommand() ? "command" : "address") + " in Settings → Tools.";
      LOG.warn("Connecting to MCP server {} ({}) failed", config.name(), config.location(), e);
      if (built != null) {
        closeQuietly(built);
      }
      throw new McpServerException(problem, e);
    }
  }

  private McpClientTransport transport() {
    var mapper = McpJsonDefaults.getMapper();
    if (config.isCommand()) {
      ServerParameters params = ServerParameters.builder(config.command()).args(config.args()).env(config.env())
          .build();
      StdioClientTransport stdio = new StdioClientTransport(params, mapper);
      stdio.setStdErrorHandler(line -> LOG.debug("MCP server {}: {}", config.name(), line));
      return stdio;
    }
    URI uri = URI.create(config.url());
    String base = uri.getScheme() + "://" + uri.getRawAuthority();
    String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      endpoint += "?" + uri.getRawQuery();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder();
    config.headers().forEach(request::header);
    return HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).requestBuilder(request)
        .connectTimeout(config.timeout()).jsonMapper(mapper).build();
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /** Drops the connection after a failed request (the next use reconnects) and says what happened. */
  private McpServerException dropped(String doing, Exception e) {
    boolean timedOut = causedBy(e, TimeoutException.class) || String.valueOf(e.getMessage()).contains("Timeout")
        || String.valueOf(e.getMessage()).contains("timeout");
    String message = timedOut
        ? config.name() + " did not answer within " + config.timeout().toSeconds() + " s while " + doing
            + "; it will be restarted on the next use."
        : config.name() + " failed while " + doing + " (" + reason(e) + "); it will be restarted on the next use.";
    LOG.warn("MCP server {} failed while {}; dropping the connection", config.name(), doing, e);
    close();
    problem = message;
    lastProblem = timedOut ? new Problem(Problem.Kind.TIMED_OUT, "")
        : new Problem(Problem.Kind.CALL_FAILED, reason(e));
    status = Status.FAILED;
    return new McpServerException(message, e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }

  private void closeQuietly(McpAsyncClient closing) {
    if (process != null && !process.isAlive()) {
      // Nothing left to say goodbye to.
      closing.close();
      return;
    }
    try {
      closing.closeGracefully().block(java.time.Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("Closing MCP server {} failed", config.name(), e);
      closing.close();
    }
  }

  /** Stops the server (a command's process ends). Bounded by the SDK's graceful close. */
  @Override
  public synchronized void close() {
    if (client != null) {
      closeQuietly(client);
      client = null;
    }
    if (process != null && process.isAlive()) {
      // A server that ignores the end of its input is not left running.
      process.destroyForcibly();
    }
    process = null;
    status = Status.NOT_CONNECTED;
  }
}
