package dev.tars.mcpclient;

import dev.tars.tools.OfferedTool;
import dev.tars.tools.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP servers of the {@link ToolSettings}, each connected on first use. Follows the settings: a removed
 * server is stopped, a changed one reconnects with its new configuration. Thread-safe.
 */
public final class McpServers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpServers.class);

  private final ToolSettings settings;
  private final String clientVersion;
  private final Map<String, McpServer> servers = new LinkedHashMap<>();
  private boolean closed;

  public McpServers(ToolSettings settings, String clientVersion) {
    this.settings = settings;
    this.clientVersion = clientVersion;
    settings.addListener(this::follow);
    follow();
  }

  /** The configured servers, in the order they were added. */
  public synchronized List<McpServer> servers() {
    return List.copyOf(servers.values());
  }

  public synchronized Optional<McpServer> server(String id) {
    return Optional.ofNullable(servers.get(id));
  }

  /**
   * The turned-on tools of every server, as the model is offered them ({@code server.tool}). Connects servers
   * not connected yet; a server that cannot be reached offers nothing this time and is tried again next time.
   */
  public List<OfferedTool> offeredTools() {
    ToolSettings.Values values = settings.get();
    List<OfferedTool> offered = new ArrayList<>();
    for (McpServer server : servers()) {
      List<McpServer.ServerTool> tools = server.knownTools();
      if (tools.isEmpty() || server.status() != McpServer.Status.CONNECTED) {
        try {
          tools = server.listTools();
        } catch (McpServerException e) {
          LOG.info("MCP server {} offers no tools to this answer: {}", server.config().name(), e.getMessage());
          continue;
        }
      }
      String id = server.config().id();
      for (McpServer.ServerTool tool : tools) {
        if (values.enabled(id, tool.name())) {
          offered.add(new OfferedTool(new Tool(id + "." + tool.name(), tool.description(), tool.inputSchema(),
              arguments -> callOrThrow(server, tool.name(), arguments)), server.config().name(),
              values.alwaysAllowed(id, tool.name())));
        }
      }
    }
    return offered;
  }

  private static String callOrThrow(McpServer server, String tool, com.fasterxml.jackson.databind.JsonNode args)
      throws McpServerException {
    return server.call(tool, args);
  }

  private synchronized void follow() {
    if (closed) {
      return;
    }
    Map<String, McpServerConfig> wanted = new LinkedHashMap<>();
    settings.get().servers().forEach(config -> wanted.put(config.id(), config));
    List<McpServer> stopping = new ArrayList<>();
    servers.entrySet().removeIf(entry -> {
      McpServerConfig now = wanted.get(entry.getKey());
      boolean gone = now == null || !now.equals(entry.getValue().config());
      if (gone) {
        stopping.add(entry.getValue());
      }
      return gone;
    });
    wanted.forEach((id, config) -> servers.computeIfAbsent(id, key -> new McpServer(config, clientVersion)));
    stopping.forEach(McpServer::close);
  }

  /** Stops every server started. */
  @Override
  public void close() {
    List<McpServer> stopping;
    synchronized (this) {
      closed = true;
      stopping = List.copyOf(servers.values());
      servers.clear();
    }
    stopping.forEach(McpServer::close);
  }
}
