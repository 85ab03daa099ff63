package dev.tars.cli;

import dev.tars.config.AppPaths;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./tars <command>}: Tars from the terminal. Errors are one line for people; details go to the log. */
@Command(
    name = "tars",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A private AI assistant that runs on this computer.",
    subcommands = {
        AskCommand.class,
        ChatCommand.class,
        ServeCommand.class,
        McpCommand.class,
        ProjectsCommand.class,
        dev.tars.cli.models.ModelsCommand.class,
        dev.tars.cli.knowledge.IngestCommand.class,
        dev.tars.cli.knowledge.SearchCommand.class,
        dev.tars.cli.voice.TranscribeCommand.class,
        dev.tars.cli.voice.SayCommand.class,
        dev.tars.cli.backup.BackupCommand.class,
        dev.tars.cli.memory.MemoryCommand.class,
        dev.tars.cli.memory.FindCommand.class,
        dev.tars.cli.memory.ExportCommand.class,
        dev.tars.cli.memory.ImportCommand.class,
        dev.tars.cli.actions.RouteCommand.class,
        dev.tars.cli.actions.NoteCommand.class,
        dev.tars.cli.actions.RemindCommand.class,
        dev.tars.cli.actions.RemindersCommand.class,
        dev.tars.cli.actions.AgendaCommand.class,
        dev.tars.cli.actions.DoCommand.class,
        dev.tars.cli.actions.ActivityCommand.class
    })
public final class TarsCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // An existing data home left readable by others (an older Tars, a loose umask) is closed before any use.
    AppPaths paths = AppPaths.fromEnvironment().makePrivate();
    System.setProperty("tars.logs", paths.logs().toString());
    System.setProperty("tars.logfile", "cli");
    // Libraries that log through java.util.logging (Lucene, ONNX Runtime) would print on the terminal.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int exitCode = commandLine().execute(args);
    // Flush before halting: a library's non-daemon thread must not keep a finished command alive.
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(exitCode);
  }

  /** The configured command line; tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new TarsCli()));
  }

  /** {@code commandLine} with the launcher's handling of failures (tests run single commands through it). */
  public static CommandLine configure(CommandLine commandLine) {
    commandLine.setExecutionExceptionHandler(TarsCli::onFailure);
    return commandLine;
  }

  private static int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Logger log = LoggerFactory.getLogger(TarsCli.class);
    // The command's names only: its arguments can be a question, a note or a key.
    String command = parseResult.asCommandLineList().stream().map(CommandLine::getCommandName)
        .collect(java.util.stream.Collectors.joining(" "));
    log.error("Command failed: {}", command, e);
    PrintWriter err = commandLine.getErr();
    err.println("tars: " + CliErrors.describe(e));
    err.flush();
    return ExitCodes.FAILURE;
  }
}
