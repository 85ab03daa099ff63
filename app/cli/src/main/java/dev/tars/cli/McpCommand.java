package dev.tars.cli;

import dev.tars.mcp.McpStdio;
import dev.tars.runtime.TarsRuntime;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tars mcp}: Tars as an MCP server over standard input and output, for desktop MCP clients and IDEs that
 * start it as a command (docs/mcp.md). Standard output carries only MCP messages: anything else a library might
 * print goes to standard error, and the log to the log file.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve Tars' documents, notes, agenda and conversations to an MCP client over standard input and"
        + " output, until the client closes it. Add this command to the client's configuration (see docs/mcp.md).",
        "Tools: search_documents, search_notes, list_agenda, search_conversations; with --allow-actions also"
            + " create_note, create_reminder, create_event, remember (each recorded in the activity log)."})
final class McpCommand implements Callable<Integer> {
  @Option(names = "--allow-actions",
      description = "Let the client create notes, reminders, events and memories. Without it, actions are allowed"
          + " only when Settings -> Local API allows actions from other apps.")
  boolean allowActions;

  @Override
  public Integer call() throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    try (TarsRuntime runtime = CliRuntime.open()) {
      boolean actions = allowActions || runtime.settings().get().apiAllowActions();
      McpStdio.serve(runtime.mcp(), actions, new FileInputStream(FileDescriptor.in), protocol);
      return ExitCodes.OK;
    }
  }
}
