package dev.tars.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of the MCP relay in the Tars process that holds the data folder (decision 1530): Tars' MCP server over
 * Streamable HTTP twice, {@value #READ} without the tools that change things and {@value #ACTIONS} with them, so
 * each {@code tars mcp} relay gets what its own {@code --allow-actions} (or the person's setting) says, and
 * {@value #INFO}, which tells the relay what the setting is now and the person's language. The caller serves
 * {@link #handler()} behind its loopback checks and secret; nothing here checks who asks.
 */
public final class McpRelayEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpRelayEndpoints.class);
  public static final String READ = "/relay/read";
  public static final String ACTIONS = "/relay/actions";
  public static final String INFO = "/relay/info";

  private final ServletContextHandler context;
  private final McpSyncServer readOnly;
  private final McpSyncServer acting;

  private McpRelayEndpoints(ServletContextHandler context, McpSyncServer readOnly, McpSyncServer acting) {
    this.context = context;
    this.readOnly = readOnly;
    this.acting = acting;
  }

  /**
   * @param actionsAllowed the person's setting "Allow actions from other apps", asked at each relay's start
   * @param maxBodyBytes larger requests are refused
   */
  public static McpRelayEndpoints create(TarsMcpServer.Services services, BooleanSupplier actionsAllowed,
      long maxBodyBytes) {
    HttpServletStreamableServerTransportProvider read = McpHttpEndpoint.transport(READ, maxBodyBytes);
    HttpServletStreamableServerTransportProvider act = McpHttpEndpoint.transport(ACTIONS, maxBodyBytes);
    McpSyncServer readOnly = TarsMcpServer.build(McpServer.sync(read), services, false);
    McpSyncServer acting = TarsMcpServer.build(McpServer.sync(act), services, true);
    ServletContextHandler context = new ServletContextHandler("/");
    McpHttpEndpoint.mount(context, "relay-read", read, READ);
    McpHttpEndpoint.mount(context, "relay-actions", act, ACTIONS);
    McpHttpEndpoint.mount(context, "relay-info", new InfoServlet(actionsAllowed, services.language()), INFO);
    return new McpRelayEndpoints(context, readOnly, acting);
  }

  /** The Jetty handler serving the three paths. */
  public Handler handler() {
    return context;
  }

  /** {@code {"allowActions": true|false, "language": "es"}}. */
  private static final class InfoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient BooleanSupplier actionsAllowed;
    private final String language;

    InfoServlet(BooleanSupplier actionsAllowed, String language) {
      this.actionsAllowed = actionsAllowed;
      this.language = language;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      byte[] body = TarsMcpServer.JSON.createObjectNode().put("allowActions", actionsAllowed.getAsBoolean())
          .put("language", language).toString().getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.setContentType("application/json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  @Override
  public void close() {
    for (McpSyncServer server : new McpSyncServer[] {readOnly, acting}) {
      try {
        server.closeGracefully();
      } catch (RuntimeException e) {
        LOG.warn("Closing the MCP relay's sessions failed", e);
      }
    }
  }
}
