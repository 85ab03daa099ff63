package dev.tars.runtime;

import dev.tars.api.LoopbackEndpoint;
import dev.tars.mcp.McpRelayEndpoints;
import dev.tars.mcp.McpRelayFile;
import dev.tars.mcp.TarsMcpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What lets {@code tars mcp} work while this process holds the data folder (decision 1530): Tars' MCP server on a
 * private loopback endpoint with a secret made for this run, announced in {@link McpRelayFile} in the data home.
 * Closing removes the file first, so no new relay connects, then stops the endpoint and its MCP sessions.
 */
final class McpRelayHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpRelayHost.class);
  /** As the local API's default: MCP requests are small, a document's text is sent, never received. */
  private static final long MAX_BODY_BYTES = 4L << 20;

  private final Path home;
  private final McpRelayEndpoints endpoints;
  private final LoopbackEndpoint endpoint;
  private final McpRelayFile file;

  private McpRelayHost(Path home, McpRelayEndpoints endpoints, LoopbackEndpoint endpoint, McpRelayFile file) {
    this.home = home;
    this.endpoints = endpoints;
    this.endpoint = endpoint;
    this.file = file;
  }

  /**
   * Starts the endpoint and writes the file.
   *
   * @param actionsAllowed the person's setting for actions from other apps (a relay without
   *     {@code --allow-actions} follows it)
   * @throws IOException when the endpoint could not start or the file could not be written
   */
  static McpRelayHost publish(Path home, TarsMcpServer.Services services, BooleanSupplier actionsAllowed)
      throws IOException {
    String secret = McpRelayFile.newSecret();
    McpRelayEndpoints endpoints = McpRelayEndpoints.create(services, actionsAllowed, MAX_BODY_BYTES);
    LoopbackEndpoint endpoint = null;
    try {
      endpoint = LoopbackEndpoint.start("mcp-relay", secret, MAX_BODY_BYTES, endpoints.handler());
      McpRelayFile file = McpRelayFile.ofThisProcess(endpoint.port(), secret);
      file.write(home);
      LOG.info("MCP relay published in {} (port {})", McpRelayFile.in(home), endpoint.port());
      return new McpRelayHost(home, endpoints, endpoint, file);
    } catch (IOException | RuntimeException e) {
      if (endpoint != null) {
        endpoint.close();
      }
      endpoints.close();
      throw e;
    }
  }

  @Override
  public void close() {
    file.removeFrom(home);
    endpoint.close();
    endpoints.close();
  }
}
