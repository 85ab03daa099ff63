package dev.tars.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tars mcp}: Tars' MCP server over this process's standard input and output, for a desktop client or IDE
 * that starts it as a command. The output carries only MCP messages (the caller points {@code System.out}
 * elsewhere); the log goes to the log file. Serves until the client closes the input.
 */
public final class McpStdio {
  private static final Logger LOG = LoggerFactory.getLogger(McpStdio.class);

  /** How long a server asked to stop lets its last answers reach the client. */
  private static final java.time.Duration STOP_GRACE = java.time.Duration.ofMillis(500);

  private McpStdio() {}

  /**
   * Serves on {@code in}/{@code out} and returns when {@code in} ends (the client went away).
   *
   * @throws InterruptedException when the waiting thread is interrupted (the server is closed first)
   */
  public static void serve(TarsMcpServer.Services services, boolean allowActions, InputStream in, OutputStream out)
      throws InterruptedException {
    serve(spec -> TarsMcpServer.build(spec, services, allowActions), in, out, new CompletableFuture<>());
    LOG.info("The MCP client closed the input; stopping");
  }

  /**
   * Serves the server {@code build} makes on {@code in}/{@code out} until {@code in} ends or {@code stop}
   * completes, then closes it.
   *
   * @return true when the input ended, false when {@code stop} came first
   * @throws InterruptedException when the waiting thread is interrupted (the server is closed first)
   */
  static boolean serve(Function<McpServer.SyncSpecification<?>, McpSyncServer> build, InputStream in,
      OutputStream out, CompletableFuture<?> stop) throws InterruptedException {
    CompletableFuture<Boolean> ended = new CompletableFuture<>();
    stop.whenComplete((value, failure) -> ended.complete(false));
    InputStream watched = new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        return ended(super.read());
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return ended(super.read(b, off, len));
      }

      private int ended(int n) {
        if (n < 0) {
          ended.complete(true);
        }
        return n;
      }
    };
    StdioServerTransportProvider transport = new StdioServerTransportProvider(TarsMcpServer.MAPPER, watched, out);
    McpSyncServer server = build.apply(McpServer.sync(transport));
    LOG.info("MCP server on standard input and output");
    try {
      boolean inputEnded = ended.get();
      if (!inputEnded) {
        // The answer that found the reason to stop is on its way out; closing drops what is not written yet.
        Thread.sleep(STOP_GRACE.toMillis());
      }
      return inputEnded;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      server.closeGracefully();
    }
  }
}
