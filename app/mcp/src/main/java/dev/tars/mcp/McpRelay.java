package dev.tars.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tars mcp} while another Tars process holds the data folder (decision 1530): an SDK stdio server that
 * offers the client exactly the holder's tools, resources and templates, and an SDK client over Streamable HTTP
 * that forwards each request to the holder's {@link McpRelayEndpoints}. Requests go upstream in a session opened
 * with the client's own name, so the holder's activity log records actions as {@code mcp:CLIENT}, as when
 * {@code tars mcp} owns the folder. Results and errors come back unchanged; after a call of a tool that changes
 * things the resource list is read again (a new note is listed at once).
 *
 * <p>When the holder does not answer at start, {@link #connect} fails within {@link #CONNECT_LIMIT} (or
 * {@link #HANDSHAKE_LIMIT} when it answered but stalls in the handshake); when it stops
 * answering later (closed, hung), the request gets an error that says so and {@link #serve} returns false.
 */
public final class McpRelay {
  private static final Logger LOG = LoggerFactory.getLogger(McpRelay.class);
  /**
   * How long the holder has to answer its info at start: a trivial answer, but the first relay of a run also waits
   * for the holder to start its endpoint (decision 1450: Jetty and the MCP servers load on the first connection,
   * ~5 s on a busy machine), so a holder that misses 10 s is hung or closing.
   */
  public static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
  /** How long the MCP handshake may take once the holder has answered (the first one loads classes on both sides). */
  static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(10);
  /** How long a forwarded request may take (a first document search opens nothing: the holder has it open). */
  static final Duration REQUEST_LIMIT = Duration.ofSeconds(30);
  private static final int MAX_PAGES = 50;

  /** The holder did not answer; {@link #getMessage()} is for the log, the caller words it for the person. */
  public static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration waited;

    Unreachable(String message, Duration waited, Throwable cause) {
      super(message, cause);
      this.waited = waited;
    }

    /** How long the holder was given before giving up. */
    public Duration waited() {
      return waited;
    }
  }

  private final McpRelayFile holder;
  private final String path;
  private final String language;
  private final String version;
  private final McpSchema.InitializeResult upstreamInfo;
  private final List<McpSchema.Tool> tools;
  private final List<McpSchema.Resource> resources;
  private final List<McpSchema.ResourceTemplate> templates;
  private final CompletableFuture<String> lost = new CompletableFuture<>();
  private McpSyncClient session;
  private McpSyncServer server;
  private Set<String> listed = Set.of();

  private McpRelay(McpRelayFile holder, String path, String language, String version,
      McpSchema.InitializeResult upstreamInfo, List<McpSchema.Tool> tools, List<McpSchema.Resource> resources,
      List<McpSchema.ResourceTemplate> templates) {
    this.holder = holder;
    this.path = path;
    this.language = language;
    this.version = version;
    this.upstreamInfo = upstreamInfo;
    this.tools = tools;
    this.resources = resources;
    this.templates = templates;
  }

  /**
   * Asks the holder what it serves: its settings, then its tools, resources and templates through a first MCP
   * session.
   *
   * @param allowActions {@code --allow-actions} was given; without it the person's setting (asked from the holder)
   *     decides, as when {@code tars mcp} owns the folder
   * @param version this Tars' version, sent as the relay's client version
   * @throws Unreachable when the holder does not answer within {@link #CONNECT_LIMIT}, or does not complete the
   *     handshake within {@link #HANDSHAKE_LIMIT}
   */
  public static McpRelay connect(McpRelayFile holder, boolean allowActions, String version) throws Unreachable {
    JsonNode info = info(holder);
    boolean actions = allowActions || info.path("allowActions").asBoolean(false);
    String path = actions ? McpRelayEndpoints.ACTIONS : McpRelayEndpoints.READ;
    McpSyncClient probe = client(holder, path, new McpSchema.Implementation("tars-mcp-relay", version));
    try {
      McpSchema.InitializeResult initialized = probe.initialize();
      List<McpSchema.Tool> tools = pages(cursor -> {
        McpSchema.ListToolsResult page = probe.listTools(cursor);
        return Map.entry(page.tools(), String.valueOf(page.nextCursor()));
      });
      List<McpSchema.Resource> resources = listResources(probe);
      List<McpSchema.ResourceTemplate> templates = pages(cursor -> {
        McpSchema.ListResourceTemplatesResult page = probe.listResourceTemplates(cursor);
        return Map.entry(page.resourceTemplates(), String.valueOf(page.nextCursor()));
      });
      LOG.info("Relaying MCP to the Tars process {} ({}): {} tools, {} resources", holder.pid(), path, tools.size(),
          resources.size());
      return new McpRelay(holder, path, info.path("language").asText(""), version, initialized, tools, resources,
          templates);
    } catch (RuntimeException e) {
      throw new Unreachable("The Tars process " + holder.pid() + " did not complete the MCP handshake: "
          + McpError.aggregateExceptionMessages(e), HANDSHAKE_LIMIT, e);
    } finally {
      probe.close();
    }
  }

  /** The person's language as the holder knows it (empty when it did not say). */
  public String language() {
    return language;
  }

  /** Whether the tools that change things are offered. */
  public boolean actionsAllowed() {
    return path.equals(McpRelayEndpoints.ACTIONS);
  }

  /**
   * Serves the client on {@code in}/{@code out} until it closes the input (true) or the holder stops answering
   * (false; the request that found out got an error saying so).
   */
  public boolean serve(InputStream in, OutputStream out) throws InterruptedException {
    try {
      boolean ended = McpStdio.serve(this::build, in, out, lost);
      if (!ended) {
        LOG.warn("Stopped relaying: {}", lost.getNow(""));
      }
      return ended;
    } finally {
      closeSession();
    }
  }

  private McpSyncServer build(McpServer.SyncSpecification<?> spec) {
    List<SyncToolSpecification> toolSpecs = tools.stream()
        .map(tool -> new SyncToolSpecification(tool, (exchange, request) -> call(tool, exchange, request)))
        .toList();
    List<SyncResourceTemplateSpecification> templateSpecs = templates.stream()
        .map(template -> new SyncResourceTemplateSpecification(template, this::read)).toList();
    // The holder checks the arguments against the schemas; checking them here too would answer first, alike.
    server = spec.serverInfo(upstreamInfo.serverInfo()).instructions(upstreamInfo.instructions())
        .capabilities(upstreamInfo.capabilities()).jsonMapper(TarsMcpServer.MAPPER)
        .jsonSchemaValidator(new DefaultJsonSchemaValidator(TarsMcpServer.JSON)).validateToolInputs(false)
        .tools(toolSpecs).resources(resources.stream().map(this::resourceSpec).toList())
        .resourceTemplates(templateSpecs).build();
    synchronized (this) {
      listed = Set.copyOf(resources.stream().map(McpSchema.Resource::uri).toList());
    }
    return server;
  }

  private SyncResourceSpecification resourceSpec(McpSchema.Resource resource) {
    return new SyncResourceSpecification(resource, this::read);
  }

  private McpSchema.CallToolResult call(McpSchema.Tool tool, McpSyncServerExchange exchange,
      McpSchema.CallToolRequest request) {
    McpSchema.CallToolResult result;
    try {
      result = session(exchange).callTool(request);
    } catch (McpError e) {
      if (e.getJsonRpcError() != null) {
        throw e;
      }
      return toolError(lostHolder(e));
    } catch (RuntimeException e) {
      return toolError(lostHolder(e));
    }
    boolean readOnly = tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
    if (!readOnly) {
      refreshResources(exchange);
    }
    return result;
  }

  private static McpSchema.CallToolResult toolError(String problem) {
    return McpSchema.CallToolResult.builder().addTextContent(problem).isError(true).build();
  }

  private McpSchema.ReadResourceResult read(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
    try {
      return session(exchange).readResource(request);
    } catch (McpError e) {
      if (e.getJsonRpcError() != null) {
        throw e;
      }
      throw internalError(lostHolder(e));
    } catch (RuntimeException e) {
      throw internalError(lostHolder(e));
    }
  }

  private static McpError internalError(String problem) {
    return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(problem).build();
  }

  /** Reads the holder's resource list again and adds or removes what changed (the SDK tells the client). */
  private void refreshResources(McpSyncServerExchange exchange) {
    try {
      List<McpSchema.Resource> now = listResources(session(exchange));
      synchronized (this) {
        Map<String, McpSchema.Resource> wanted = new LinkedHashMap<>();
        now.forEach(r -> wanted.put(r.uri(), r));
        for (String uri : listed) {
          if (!wanted.containsKey(uri)) {
            server.removeResource(uri);
          }
        }
        for (McpSchema.Resource resource : wanted.values()) {
          if (!listed.contains(resource.uri())) {
            server.addResource(resourceSpec(resource));
          }
        }
        listed = Set.copyOf(wanted.keySet());
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not read the holder's resources again after an action", e);
    }
  }

  /** The session with the holder for this client, opened with the client's own name on first use. */
  private synchronized McpSyncClient session(McpSyncServerExchange exchange) {
    if (lost.isDone()) {
      throw new IllegalStateException(lost.getNow(""));
    }
    if (session == null) {
      McpSchema.Implementation clientInfo = exchange.getClientInfo();
      McpSchema.Implementation as = clientInfo == null || clientInfo.name() == null
          ? new McpSchema.Implementation("mcp-client", version) : clientInfo;
      McpSyncClient opened = client(holder, path, as);
      try {
        opened.initialize();
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      session = opened;
    }
    return session;
  }

  private synchronized void closeSession() {
    if (session != null) {
      try {
        if (!lost.isDone()) {
          session.closeGracefully();
        }
      } catch (RuntimeException e) {
        LOG.debug("Closing the session with the holder failed", e);
      } finally {
        session.close();
        session = null;
      }
    }
  }

  /** Notes that the holder stopped answering (the relay then ends) and returns what the client is told. */
  private String lostHolder(RuntimeException e) {
    LOG.warn("The Tars process {} stopped answering", holder.pid(), e);
    lost.complete("The Tars process " + holder.pid() + " stopped answering: "
        + McpError.aggregateExceptionMessages(e).lines().findFirst().orElse(""));
    return McpTexts.of(language).get("mcp.relay.lost", holder.pid());
  }

  private static List<McpSchema.Resource> listResources(McpSyncClient client) {
    return pages(cursor -> {
      McpSchema.ListResourcesResult page = client.listResources(cursor);
      return Map.entry(page.resources(), String.valueOf(page.nextCursor()));
    });
  }

  /** Every page of a list; a page's entry holds its items and the next cursor ("null" at the end). */
  private static <T> List<T> pages(Function<String, Map.Entry<List<T>, String>> page) {
    List<T> all = new ArrayList<>();
    String cursor = null;
    for (int i = 0; i < MAX_PAGES; i++) {
      Map.Entry<List<T>, String> next = page.apply(cursor);
      all.addAll(next.getKey());
      if (next.getValue().equals("null")) {
        break;
      }
      cursor = next.getValue();
    }
    return all;
  }

  private static McpSyncClient client(McpRelayFile holder, String path, McpSchema.Implementation as) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(holder.baseUrl())
        .endpoint(path).requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + holder.secret()))
        .connectTimeout(CONNECT_LIMIT).jsonMapper(TarsMcpServer.MAPPER).build();
    return McpClient.sync(transport).clientInfo(as).initializationTimeout(HANDSHAKE_LIMIT)
        .requestTimeout(REQUEST_LIMIT).build();
  }

  /** The holder's {@value McpRelayEndpoints#INFO}: quick to answer, so a hung or closing holder shows at once. */
  private static JsonNode info(McpRelayFile holder) throws Unreachable {
    HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_LIMIT).build();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create(holder.baseUrl() + McpRelayEndpoints.INFO))
          .header("Authorization", "Bearer " + holder.secret()).timeout(CONNECT_LIMIT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new Unreachable("The Tars process " + holder.pid() + " answered " + response.statusCode(),
            CONNECT_LIMIT, null);
      }
      return TarsMcpServer.JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new Unreachable("The Tars process " + holder.pid() + " did not answer on port " + holder.port() + ": "
          + e, CONNECT_LIMIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("Interrupted while asking the Tars process " + holder.pid(), CONNECT_LIMIT, e);
    } finally {
      http.close();
    }
  }
}
