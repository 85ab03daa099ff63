package dev.tars.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API's {@code /mcp}: Tars' MCP server over Streamable HTTP, the SDK's servlet transport in a Jetty
 * servlet context. The local API mounts {@link #handler()} behind its own checks (Host and Origin, the API key),
 * so this adds none; request bodies are bounded here as the API bounds its own.
 */
public final class McpHttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpEndpoint.class);
  public static final String PATH = "/mcp";
  /** A comment on the event stream this often keeps an idle client's connection from timing out. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final ServletContextHandler context;
  private final McpSyncServer server;

  private McpHttpEndpoint(ServletContextHandler context, McpSyncServer server) {
    this.context = context;
    this.server = server;
  }

  /**
   * @param allowActions whether the tools that change things are offered
   * @param maxBodyBytes larger requests are refused
   */
  public static McpHttpEndpoint create(TarsMcpServer.Services services, boolean allowActions, long maxBodyBytes) {
    HttpServletStreamableServerTransportProvider transport = transport(PATH, maxBodyBytes);
    McpSyncServer server = TarsMcpServer.build(McpServer.sync(transport), services, allowActions);
    ServletContextHandler context = new ServletContextHandler("/");
    mount(context, "mcp", transport, PATH);
    return new McpHttpEndpoint(context, server);
  }

  /** The SDK's Streamable HTTP transport answering at {@code path}, bodies bounded to {@code maxBodyBytes}. */
  static HttpServletStreamableServerTransportProvider transport(String path, long maxBodyBytes) {
    return HttpServletStreamableServerTransportProvider.builder().jsonMapper(TarsMcpServer.MAPPER)
        .mcpEndpoint(path).keepAliveInterval(KEEP_ALIVE)
        .maxRequestSize((int) Math.min(Integer.MAX_VALUE, maxBodyBytes)).build();
  }

  static void mount(ServletContextHandler context, String name, jakarta.servlet.Servlet servlet, String path) {
    ServletHolder holder = new ServletHolder(name, servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, path);
  }

  /** The Jetty handler serving {@value #PATH}; the local API starts and stops it with its server. */
  public Handler handler() {
    return context;
  }

  @Override
  public void close() {
    try {
      server.closeGracefully();
    } catch (RuntimeException e) {
      LOG.warn("Closing the MCP sessions of the local API failed", e);
    }
  }
}
