package dev.tars.cli;

import dev.tars.actions.i18n.Texts;
import dev.tars.config.AppPaths;
import dev.tars.mcp.McpRelay;
import dev.tars.mcp.McpRelayFile;
import dev.tars.mcp.McpStdio;
import dev.tars.runtime.TarsRuntime;
import dev.tars.storage.DataFolderInUseException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tars mcp}: Tars as an MCP server over standard input and output, for desktop MCP clients and IDEs that
 * start it as a command (docs/mcp.md). Standard output carries only MCP messages: anything else a library might
 * print goes to standard error, and the log to the log file.
 *
 * <p>When another Tars process holds the data folder (the window, {@code tars serve}, another {@code tars mcp}),
 * this one relays to it instead (decision 1530): the client sees the same tools, resources and results.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve Tars' documents, notes, agenda and conversations to an MCP client over standard input and"
        + " output, until the client closes it. Add this command to the client's configuration (see docs/mcp.md).",
        "Tools: search_documents, search_notes, list_agenda, search_conversations; with --allow-actions also"
            + " create_note, create_reminder, create_event, remember (each recorded in the activity log).",
        "While the Tars window (or another Tars) is open, this relays to it."})
final class McpCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(McpCommand.class);
  private static final String BUNDLE = "dev.tars.cli.mcp";
  /** A Tars that holds the folder but has not announced its relay yet (it is starting) gets this long to do so. */
  private static final Duration HOLDER_WAIT = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Option(names = "--allow-actions",
      description = "Let the client create notes, reminders, events and memories. Without it, actions are allowed"
          + " only when Settings -> Local API allows actions from other apps.")
  boolean allowActions;

  @Override
  public Integer call() throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    TarsRuntime runtime = CliRuntime.open();
    boolean actions;
    try {
      // Opens the database: this is where another Tars holding the folder shows.
      boolean allowedInSettings = runtime.settings().get().apiAllowActions();
      actions = allowActions || allowedInSettings;
    } catch (DataFolderInUseException busy) {
      runtime.close();
      return relay(busy, protocol);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    try (runtime) {
      // A second MCP client's `tars mcp` relays to this one.
      runtime.publishMcpRelay();
      McpStdio.serve(runtime.mcp(), actions, new FileInputStream(FileDescriptor.in), protocol);
      return ExitCodes.OK;
    }
  }

  /** Serves by relaying to the Tars process that holds the data folder. */
  private int relay(DataFolderInUseException busy, PrintStream protocol) throws InterruptedException {
    Path home = AppPaths.fromEnvironment().home();
    Texts words = Texts.of(BUNDLE, Locale.getDefault());
    Optional<McpRelayFile> holder = awaitHolder(home);
    if (holder.isEmpty()) {
      LOG.warn("The data folder is in use and no Tars announces an MCP relay in {}", home);
      LOG.debug("The database said: {}", busy.getMessage());
      return fail(words.get("mcp.noRelay", home));
    }
    McpRelay relay;
    try {
      relay = McpRelay.connect(holder.get(), allowActions, CliRuntime.version());
    } catch (McpRelay.Unreachable e) {
      LOG.warn("No MCP relay: {}", e.getMessage(), e);
      return fail(words.get("mcp.notAnswering", holder.get().pid(), e.waited().toSeconds()));
    }
    LOG.info("Relaying to the Tars process {} (actions {})", holder.get().pid(),
        relay.actionsAllowed() ? "allowed" : "not allowed");
    if (relay.serve(new FileInputStream(FileDescriptor.in), protocol)) {
      return ExitCodes.OK;
    }
    Texts personWords = relay.language().isBlank() ? words : Texts.of(BUNDLE, Texts.locale(relay.language()));
    return fail(personWords.get("mcp.stoppedAnswering", holder.get().pid()));
  }

  /**
   * The relay file of a running holder. A file left by a process that is gone is removed; a holder still starting
   * gets {@link #HOLDER_WAIT} to write its own.
   */
  private static Optional<McpRelayFile> awaitHolder(Path home) throws InterruptedException {
    long deadline = System.nanoTime() + HOLDER_WAIT.toNanos();
    while (true) {
      Optional<McpRelayFile> found = McpRelayFile.read(home);
      if (found.isPresent() && found.get().holderAlive()) {
        return found;
      }
      if (found.isPresent()) {
        LOG.info("Removing {} left by the Tars process {}, which is gone", McpRelayFile.NAME, found.get().pid());
        found.get().removeFrom(home);
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      Thread.sleep(200);
    }
  }

  private int fail(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("tars: " + message);
    err.flush();
    return ExitCodes.FAILURE;
  }
}
