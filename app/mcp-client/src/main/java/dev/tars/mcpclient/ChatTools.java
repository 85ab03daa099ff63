package dev.tars.mcpclient;

import dev.tars.tools.OfferedTool;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolBox;
import dev.tars.tools.ToolCallRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of conversations: Tars' own (notes, agenda, reminders, memory, documents) and the MCP servers', as the
 * tool settings turn them on, with the person asked about each call through the {@link Approver} the window
 * sets. Without a window to ask (the command line), only the tools the person always allows are offered.
 */
public final class ChatTools implements ToolBox {
  private static final Logger LOG = LoggerFactory.getLogger(ChatTools.class);
  /** How long a call's card waits for the person before the call counts as denied. */
  static final Duration DECISION_WAIT = Duration.ofMinutes(10);
  /** How often a call waiting for the person looks whether Stop was pressed. */
  private static final Duration STOP_CHECK = Duration.ofMillis(100);

  /** Puts a call to the person (the window shows its card) and completes with their decision. */
  @FunctionalInterface
  public interface Approver {
    CompletableFuture<ToolCallRequest.Decision> ask(ToolCallRequest request);
  }

  private final ToolSettings settings;
  private final McpServers servers;
  private final Supplier<List<Tool>> builtIns;
  private volatile Approver approver;

  /** @param builtIns Tars' own tools, asked for each time the tools are offered (documents may come later) */
  public ChatTools(ToolSettings settings, McpServers servers, Supplier<List<Tool>> builtIns) {
    this.settings = settings;
    this.servers = servers;
    this.builtIns = builtIns;
  }

  public ToolSettings settings() {
    return settings;
  }

  public McpServers servers() {
    return servers;
  }

  /** Tars' own tools, turned on or not. */
  public List<Tool> builtInTools() {
    return builtIns.get();
  }

  /** The window's way to ask the person; null for none. */
  public void setApprover(Approver approver) {
    this.approver = approver;
  }

  @Override
  public List<OfferedTool> offered() {
    ToolSettings.Values values = settings.get();
    if (!values.inChat()) {
      return List.of();
    }
    List<OfferedTool> offered = new ArrayList<>();
    for (Tool tool : builtIns.get()) {
      if (values.enabled(ToolSettings.BUILT_IN, tool.name())) {
        offered.add(new OfferedTool(tool, OfferedTool.BUILT_IN, values.alwaysAllowed(ToolSettings.BUILT_IN,
            tool.name())));
      }
    }
    offered.addAll(servers.offeredTools());
    if (approver == null) {
      // Nobody to ask (the command line): only the tools the person always allows are offered.
      offered.removeIf(tool -> !tool.alwaysAllowed());
    }
    return offered;
  }

  @Override
  public int maxRounds() {
    return settings.get().maxRounds();
  }

  @Override
  public ToolCallRequest.Decision approve(ToolCallRequest request) throws InterruptedException {
    return approve(request, () -> false);
  }

  /**
   * Asks the approver and waits for its decision. When the person presses Stop meanwhile, the question is
   * cancelled (the window takes its card away) and the call is not run.
   */
  @Override
  public ToolCallRequest.Decision approve(ToolCallRequest request, BooleanSupplier stopped)
      throws InterruptedException {
    Approver asking = approver;
    if (asking == null) {
      LOG.info("No window to ask about a call of {}; it is not run", request.tool().tool().name());
      return ToolCallRequest.Decision.DENY;
    }
    CompletableFuture<ToolCallRequest.Decision> asked = asking.ask(request);
    long deadline = System.nanoTime() + DECISION_WAIT.toNanos();
    ToolCallRequest.Decision decision = null;
    try {
      while (decision == null) {
        if (stopped.getAsBoolean() || System.nanoTime() > deadline) {
          asked.cancel(false);
          LOG.info("The call of {} was not decided before {}; it is not run", request.tool().tool().name(),
              stopped.getAsBoolean() ? "Stop" : "the time limit");
          return ToolCallRequest.Decision.DENY;
        }
        try {
          decision = asked.get(STOP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          // Not decided yet: look at Stop again.
        }
      }
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      LOG.info("No decision on a call of {} ({}); it is not run", request.tool().tool().name(), e.toString());
      return ToolCallRequest.Decision.DENY;
    } catch (InterruptedException e) {
      asked.cancel(false);
      throw e;
    }
    if (decision == ToolCallRequest.Decision.ALWAYS_ALLOW) {
      // The person's own choice on the card, never something a model or a tool wrote.
      String[] server = serverAndTool(request.tool().tool().name());
      settings.setAlwaysAllowed(server[0], server[1], true);
    }
    return decision;
  }

  /** {@code server.tool} for an MCP tool, or Tars' own server for a built-in name. */
  static String[] serverAndTool(String offeredName) {
    int dot = offeredName.indexOf('.');
    return dot < 0 ? new String[] {ToolSettings.BUILT_IN, offeredName}
        : new String[] {offeredName.substring(0, dot), offeredName.substring(dot + 1)};
  }
}
