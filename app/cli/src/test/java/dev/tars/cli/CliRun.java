package dev.tars.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command-line run in the test's JVM: its exit code and what it printed on each stream. */
public record CliRun(int exitCode, String out, String err) {
  /** {@code tars ARGS} as the launcher runs it (same command line, same error handling). */
  public static CliRun tars(String... args) {
    return of(TarsCli.commandLine(), args);
  }

  public static CliRun of(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
