package dev.tars.runtime;

import dev.tars.api.OnDemandEndpoint;
import dev.tars.mcp.McpRelayEndpoints;
import dev.tars.mcp.McpRelayFile;
import dev.tars.mcp.TarsMcpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What lets {@code tars mcp} work while this process holds the data folder (decision 1530): Tars' MCP server on a
 * private loopback endpoint with a secret made for this run, announced in {@link McpRelayFile} in the data home.
 * The port is bound and announced at once; the endpoint (Jetty, the MCP SDK's servers) is made when the first
 * {@code tars mcp} connects (decision 1450), so a window nobody relays to does not carry it.
 * Closing removes the file first, so no new relay connects, then stops the endpoint and its MCP sessions.
 */
final class McpRelayHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpRelayHost.class);
  /** As the local API's default: MCP requests are small, a document's text is sent, never received. */
  private static final long MAX_BODY_BYTES = 4L << 20;

  private final Path home;
  private final Supplier<TarsMcpServer.Services> services;
  private final BooleanSupplier actionsAllowed;
  private OnDemandEndpoint endpoint;
  private McpRelayFile file;
  private McpRelayEndpoints endpoints;
  private boolean closed;

  private McpRelayHost(Path home, Supplier<TarsMcpServer.Services> services, BooleanSupplier actionsAllowed) {
    this.home = home;
    this.services = services;
    this.actionsAllowed = actionsAllowed;
  }

  /**
   * Binds the endpoint's port and writes the file; the endpoint itself starts on the first connection.
   *
   * @param services what the MCP server answers from, asked for when the first relay connects
   * @param actionsAllowed the person's setting for actions from other apps (a relay without
   *     {@code --allow-actions} follows it)
   * @throws IOException when no port could be bound or the file could not be written
   */
  static McpRelayHost publish(Path home, Supplier<TarsMcpServer.Services> services, BooleanSupplier actionsAllowed)
      throws IOException {
    McpRelayHost host = new McpRelayHost(home, services, actionsAllowed);
    String secret = McpRelayFile.newSecret();
    host.endpoint = OnDemandEndpoint.open("mcp-relay", secret, MAX_BODY_BYTES, host::handler);
    try {
      host.file = McpRelayFile.ofThisProcess(host.endpoint.port(), secret);
      host.file.write(home);
    } catch (IOException | RuntimeException e) {
      host.endpoint.close();
      throw e;
    }
    LOG.info("MCP relay published in {} (port {})", McpRelayFile.in(home), host.endpoint.port());
    return host;
  }

  /** Made on the endpoint's first connection. */
  private synchronized Handler handler() {
    if (closed) {
      throw new IllegalStateException("The MCP relay is closed");
    }
    endpoints = McpRelayEndpoints.create(services.get(), actionsAllowed, MAX_BODY_BYTES);
    return endpoints.handler();
  }

  @Override
  public void close() {
    file.removeFrom(home);
    endpoint.close();
    McpRelayEndpoints made;
    synchronized (this) {
      closed = true;
      made = endpoints;
    }
    if (made != null) {
      made.close();
    }
  }
}
